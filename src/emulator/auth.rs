//! Bearer-token checking for `--require-auth`: the tokens IAM issued, and the interceptor that
//! guards every service except IAM and endpoint discovery.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, SystemTime},
};

use tonic::{Request, Status, service::Interceptor};

use super::State;

/// The lifetime used when the asked one would overflow the clock.
const FALLBACK_TTL: Duration = Duration::from_secs(12 * 3600);

/// The IAM tokens issued and not yet expired, and when each expires.
#[derive(Default)]
pub(crate) struct Tokens {
    issued: Mutex<HashMap<String, SystemTime>>,
}

impl Tokens {
    /// A new token valid for `ttl` (capped where the clock would overflow); returns it with
    /// its expiry. Tokens already expired are forgotten first, so the set stays bounded by
    /// the tokens alive at once.
    pub fn issue(&self, ttl: Duration) -> (String, SystemTime) {
        let token = format!("t1.emulator-{}", uuid::Uuid::new_v4());
        let now = SystemTime::now();
        let expires = now
            .checked_add(ttl)
            .or_else(|| now.checked_add(FALLBACK_TTL))
            .unwrap_or(now);
        if let Ok(mut issued) = self.issued.lock() {
            issued.retain(|_, at| *at > now);
            issued.insert(token.clone(), expires);
        }
        (token, expires)
    }

    /// Forgets every token, as if all were revoked.
    pub fn revoke_all(&self) {
        if let Ok(mut issued) = self.issued.lock() {
            issued.clear();
        }
    }

    /// How many issued tokens are still remembered (expired ones go at the next issue).
    pub fn count(&self) -> usize {
        self.issued.lock().map_or(0, |i| i.len())
    }

    fn check(&self, token: &str) -> Result<(), Status> {
        let expires = self
            .issued
            .lock()
            .ok()
            .and_then(|issued| issued.get(token).copied());
        match expires {
            None => Err(Status::unauthenticated(
                "the IAM token is not valid: it was not issued by this IAM service or was revoked",
            )),
            Some(at) if at <= SystemTime::now() => {
                Err(Status::unauthenticated("the IAM token has expired"))
            }
            Some(_) => Ok(()),
        }
    }
}

/// Rejects calls without a valid, unexpired bearer token when `require_auth` is on.
#[derive(Clone)]
pub(crate) struct RequireAuth(pub Arc<State>);

impl Interceptor for RequireAuth {
    fn call(&mut self, request: Request<()>) -> Result<Request<()>, Status> {
        if !self.0.config.require_auth {
            return Ok(request);
        }
        let token = request
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                Status::unauthenticated("missing 'authorization: Bearer <IAM token>' header")
            })?;
        self.0.tokens.check(token.trim())?;
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_pass_until_revoked_or_expired() {
        let tokens = Tokens::default();
        let (fresh, _) = tokens.issue(Duration::from_secs(60));
        let (stale, _) = tokens.issue(Duration::ZERO);
        assert!(tokens.check(&fresh).is_ok());
        let expired = tokens.check(&stale).unwrap_err();
        assert!(expired.message().contains("expired"));
        assert!(tokens.check("t1.other").is_err());
        tokens.revoke_all();
        assert!(tokens.check(&fresh).is_err());
    }

    #[test]
    fn expired_tokens_are_pruned_and_huge_lifetimes_do_not_overflow() {
        let tokens = Tokens::default();
        for _ in 0..100 {
            tokens.issue(Duration::ZERO);
        }
        assert_eq!(
            tokens.count(),
            1,
            "only the newest, expired at issue, is kept"
        );
        let (kept, expires) = tokens.issue(Duration::MAX);
        assert_eq!(tokens.count(), 1);
        assert!(expires > SystemTime::now());
        assert!(tokens.check(&kept).is_ok());
    }
}
