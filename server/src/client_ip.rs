//! Who is asking: the client's address, also behind a reverse proxy, for the per-address limits.
//!
//! Connected directly, the client is the peer. When the peer is one of the configured trusted
//! proxies (`--trusted-proxies`), the client is the rightmost `X-Forwarded-For` address that is
//! not itself a trusted proxy: each proxy appends the address it saw, so the entries left of
//! that are whatever the client chose to send and are never believed. Without trusted proxies
//! the header is ignored.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;

/// The request's client address, put in its extensions by [`resolve_layer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

/// The proxies whose `X-Forwarded-For` is believed.
pub type TrustedProxies = Arc<[IpAddr]>;

/// The client behind `peer`, given the raw `X-Forwarded-For` values in order of arrival. IPv4
/// addresses mapped into IPv6 (`::ffff:10.0.0.1`, as a dual-stack listener reports them) count
/// as the IPv4 address.
pub fn resolve<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a [u8]>,
    trusted: &[IpAddr],
) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|proxy| proxy.to_canonical() == ip);
    let peer = peer.to_canonical();
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for value in forwarded_for.rev() {
        // Byte by byte from the right: what the client put further left, however malformed,
        // is never reached once a real address is found.
        for entry in value.rsplit(|&byte| byte == b',') {
            let parsed = std::str::from_utf8(entry)
                .ok()
                .and_then(|text| text.trim().parse::<IpAddr>().ok())
                .map(|ip| ip.to_canonical());
            match parsed {
                Some(ip) if is_trusted(ip) => client = ip,
                Some(ip) => return ip,
                // Garbage from beyond the last trusted hop: stop at that hop.
                None => return client,
            }
        }
    }
    client
}

/// Middleware: resolves the client's address once and keeps it in the request's extensions.
pub async fn resolve_layer(
    State(trusted): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let headers = request.headers().get_all("x-forwarded-for");
    let values: Vec<&[u8]> = headers.iter().map(|value| value.as_bytes()).collect();
    let client = resolve(peer, values.into_iter(), &trusted);
    request.extensions_mut().insert(ClientIp(client));
    next.run(request).await
}

/// The rate limiter's key: the resolved client address.
#[derive(Debug, Clone, Copy)]
pub struct ClientIpKey;

impl KeyExtractor for ClientIpKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<IpAddr, GovernorError> {
        request
            .extensions()
            .get::<ClientIp>()
            .map(|client| client.0)
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    /// `resolve` over header values given as text.
    fn client(peer: &str, values: &[&'static str], trusted: &[IpAddr]) -> IpAddr {
        resolve(ip(peer), values.iter().map(|v| v.as_bytes()), trusted)
    }

    #[test]
    fn a_direct_client_is_the_peer_whatever_it_claims() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client("203.0.113.9", &["198.51.100.1"], &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(client("203.0.113.9", &[], &[]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client sent a made-up first entry; the proxies appended what they saw.
        let forwarded = ["1.2.3.4, 203.0.113.9", "10.0.0.2"];
        assert_eq!(client("10.0.0.1", &forwarded, &trusted), ip("203.0.113.9"));
        assert_eq!(
            client("10.0.0.1", &["2001:db8::7"], &trusted),
            ip("2001:db8::7")
        );
        // No header, or only proxies in it: the nearest proxy is all that is known.
        assert_eq!(client("10.0.0.1", &[], &trusted), ip("10.0.0.1"));
        assert_eq!(client("10.0.0.1", &["10.0.0.2"], &trusted), ip("10.0.0.2"));
        // Garbage beyond the proxies is not believed.
        assert_eq!(client("10.0.0.1", &["not-an-ip"], &trusted), ip("10.0.0.1"));
    }

    #[test]
    fn bytes_the_client_sent_cannot_hide_the_address_the_proxy_saw() {
        let trusted = [ip("10.0.0.1")];
        let value: &[u8] = b"\xff\xfe garbage, 203.0.113.9";
        assert_eq!(
            resolve(ip("10.0.0.1"), [value].into_iter(), &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_dual_stack_listener_still_recognises_an_ipv4_proxy() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client("::ffff:10.0.0.1", &["203.0.113.9"], &trusted),
            ip("203.0.113.9")
        );
        let mapped_client = client("10.0.0.1", &["::ffff:203.0.113.9"], &trusted);
        assert_eq!(mapped_client, ip("203.0.113.9"));
    }
}
