//! Password hashing with argon2id. Hashing is deliberately slow, so it runs on the blocking pool.

use std::sync::{Arc, OnceLock};

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// OWASP's recommended argon2id memory cost (19 MiB, two passes).
pub const DEFAULT_MEMORY_KIB: u32 = 19 * 1024;

#[derive(Debug, Clone)]
pub struct Passwords {
    params: Params,
    /// A hash to verify against when the phone is unknown, so both answers take as long.
    decoy: Arc<OnceLock<String>>,
}

impl Passwords {
    /// `memory_kib` below argon2's minimum is raised to it (tests use the minimum to stay fast).
    pub fn new(memory_kib: u32) -> Self {
        let memory = memory_kib.max(Params::MIN_M_COST);
        let params = Params::new(memory, 2, 1, None).unwrap_or_default();
        Self {
            params,
            decoy: Arc::new(OnceLock::new()),
        }
    }

    fn argon2(&self) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
    }

    /// The PHC string (`$argon2id$v=19$m=…`) of `password` with a fresh salt.
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let argon2 = self.argon2();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2
                .hash_password(password.as_bytes(), &salt)
                .map(|hash| hash.to_string())
                .map_err(|error| anyhow::anyhow!("cannot hash a password: {error}"))
        })
        .await
        .context("the hashing task failed")?
    }

    /// Whether `password` matches `stored` (a PHC string; its own parameters apply).
    pub async fn verify(&self, password: &str, stored: &str) -> anyhow::Result<bool> {
        let argon2 = self.argon2();
        let password = password.to_owned();
        let stored = stored.to_owned();
        tokio::task::spawn_blocking(move || {
            let Ok(parsed) = PasswordHash::new(&stored) else {
                return false;
            };
            argon2.verify_password(password.as_bytes(), &parsed).is_ok()
        })
        .await
        .context("the verifying task failed")
    }

    /// Spends the time of one verification and answers `false`: for unknown phones.
    pub async fn verify_decoy(&self, password: &str) -> anyhow::Result<bool> {
        let decoy = match self.decoy.get() {
            Some(decoy) => decoy.clone(),
            None => {
                let decoy = self.hash("decoy password that never matches").await?;
                self.decoy.get_or_init(|| decoy).clone()
            }
        };
        self.verify(password, &decoy).await.map(|_| false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let passwords = Passwords::new(0);
        let hash = passwords.hash("correct horse").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(passwords.verify("correct horse", &hash).await.unwrap());
        assert!(!passwords.verify("wrong horse", &hash).await.unwrap());
        assert!(!passwords.verify("x", "not a hash").await.unwrap());
        assert!(!passwords.verify_decoy("correct horse").await.unwrap());
    }
}
