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

/// The client behind `peer`, given the `X-Forwarded-For` values in order of arrival.
pub fn resolve<'a>(
    peer: IpAddr,
    forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for value in forwarded_for.rev() {
        for entry in value.rsplit(',') {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) if trusted.contains(&ip) => client = ip,
                Ok(ip) => return ip,
                // Garbage from beyond the last trusted hop: stop at that hop.
                Err(_) => return client,
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
    let values: Vec<&str> = headers.iter().filter_map(|v| v.to_str().ok()).collect();
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

    #[test]
    fn a_direct_client_is_the_peer_whatever_it_claims() {
        let trusted = [ip("10.0.0.1")];
        let peer = ip("203.0.113.9");
        assert_eq!(resolve(peer, ["198.51.100.1"].into_iter(), &trusted), peer);
        assert_eq!(resolve(peer, [].into_iter(), &[]), peer);
    }

    #[test]
    fn behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        let proxy = ip("10.0.0.1");
        // The client sent a made-up first entry; the proxies appended what they saw.
        let forwarded = ["1.2.3.4, 203.0.113.9", "10.0.0.2"];
        assert_eq!(
            resolve(proxy, forwarded.into_iter(), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            resolve(proxy, ["2001:db8::7"].into_iter(), &trusted),
            ip("2001:db8::7")
        );
        // No header, or only proxies in it: the nearest proxy is all that is known.
        assert_eq!(resolve(proxy, [].into_iter(), &trusted), proxy);
        assert_eq!(
            resolve(proxy, ["10.0.0.2"].into_iter(), &trusted),
            ip("10.0.0.2")
        );
        // Garbage beyond the proxies is not believed.
        assert_eq!(resolve(proxy, ["not-an-ip"].into_iter(), &trusted), proxy);
    }
}
