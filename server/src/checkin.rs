//! Signed, rotating check-in codes: HMAC-SHA256 with the server's secret over (activity id,
//! 30-second window index). A code is good in its own window and the next, so the QR code on
//! the staff's screen works for everyone in the room while a photo sent home soon expires.

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use station_wire::signups::CHECKIN_ROTATE_SECONDS;

type HmacSha256 = Hmac<Sha256>;

const WINDOW: i64 = CHECKIN_ROTATE_SECONDS as i64;
/// Bytes of the MAC kept in a code: 128 bits keep a QR code small and a forgery hopeless.
const MAC_BYTES: usize = 16;

#[derive(Clone)]
pub struct CheckinSigner {
    secret: Arc<Vec<u8>>,
}

impl std::fmt::Debug for CheckinSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CheckinSigner(..)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// Genuine, but from an earlier window.
    Expired,
    /// Not a code this server made for this activity.
    Invalid,
}

impl CheckinSigner {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            secret: Arc::new(secret.to_vec()),
        }
    }

    pub fn window_of(now: i64) -> i64 {
        now.div_euclid(WINDOW)
    }

    /// The code for `activity_id` at `now`, and the unix second at which it stops working.
    pub fn code(&self, activity_id: i64, now: i64) -> (String, i64) {
        let window = Self::window_of(now);
        let code = format!(
            "{window}.{}",
            URL_SAFE_NO_PAD.encode(self.mac(activity_id, window))
        );
        (code, (window + 2) * WINDOW)
    }

    pub fn verify(&self, activity_id: i64, code: &str, now: i64) -> Verdict {
        let Some((window, mac)) = code.trim().split_once('.') else {
            return Verdict::Invalid;
        };
        let (Ok(window), Ok(mac)) = (window.parse::<i64>(), URL_SAFE_NO_PAD.decode(mac)) else {
            return Verdict::Invalid;
        };
        if mac.len() != MAC_BYTES {
            return Verdict::Invalid;
        }
        // Compared without an early exit, so timing tells nothing about the MAC.
        let full = self.hmac(activity_id, window).finalize().into_bytes();
        let same = full[..MAC_BYTES]
            .iter()
            .zip(&mac)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0;
        if !same {
            return Verdict::Invalid;
        }
        let current = Self::window_of(now);
        if window == current || window == current - 1 {
            Verdict::Valid
        } else {
            Verdict::Expired
        }
    }

    fn hmac(&self, activity_id: i64, window: i64) -> HmacSha256 {
        let mut mac =
            HmacSha256::new_from_slice(&self.secret).expect("HMAC accepts keys of any length");
        mac.update(format!("checkin:{activity_id}:{window}").as_bytes());
        mac
    }

    fn mac(&self, activity_id: i64, window: i64) -> Vec<u8> {
        self.hmac(activity_id, window).finalize().into_bytes()[..MAC_BYTES].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_good_for_its_window_and_the_next_only() {
        let signer = CheckinSigner::new(b"secret");
        let now = 1_800_000_015;
        let (code, expires_at) = signer.code(7, now);
        assert_eq!(expires_at, (now / 30 + 2) * 30);
        assert_eq!(signer.verify(7, &code, now), Verdict::Valid);
        assert_eq!(signer.verify(7, &code, now + 30), Verdict::Valid);
        assert_eq!(signer.verify(7, &code, expires_at), Verdict::Expired);
        assert_eq!(signer.verify(8, &code, now), Verdict::Invalid);
        assert_eq!(
            CheckinSigner::new(b"other").verify(7, &code, now),
            Verdict::Invalid
        );
        assert_eq!(signer.verify(7, "garbage", now), Verdict::Invalid);
        assert_eq!(signer.verify(7, "1.AAAA", now), Verdict::Invalid);
    }
}
