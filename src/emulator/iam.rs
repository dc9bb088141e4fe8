//! iam.v1 IamTokenService: exchanges JWTs signed by keys the emulator knows (PS256, right
//! audience, issued no later than a minute from now, unexpired, at most an hour long) and
//! OAuth tokens it was given for IAM tokens that expire after `token_ttl`.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use ring::signature::{RSA_PSS_2048_8192_SHA256, UnparsedPublicKey};
use serde::Deserialize;
use tonic::{Request, Response, Status};

use super::{Api, clock, faults, sa_keys};
use crate::api::proto::yandex::cloud::iam::v1::{
    CreateIamTokenRequest, CreateIamTokenResponse, create_iam_token_request::Identity,
    iam_token_service_server::IamTokenService,
};
use crate::auth::sa_key::JWT_AUDIENCE;

/// The longest JWT lifetime IAM accepts.
const MAX_JWT_LIFETIME_SECS: i64 = 3600;
/// How far a JWT's `iat` may be ahead of the emulator's clock.
const CLOCK_SKEW_SECS: i64 = 60;

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: String,
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    iat: i64,
    exp: i64,
}

#[tonic::async_trait]
impl IamTokenService for Api {
    async fn create(
        &self,
        req: Request<CreateIamTokenRequest>,
    ) -> Result<Response<CreateIamTokenResponse>, Status> {
        faults::gate(&self.state.config).await?;
        match req.into_inner().identity {
            None => {
                return Err(Status::invalid_argument(
                    "identity: one of yandex_passport_oauth_token or jwt is required",
                ));
            }
            Some(Identity::YandexPassportOauthToken(t)) => self.check_oauth(&t)?,
            Some(Identity::Jwt(t)) => verify_jwt(&t, clock::now().seconds)?,
        }
        let (iam_token, expires) = self.state.tokens.issue(self.state.config.token_ttl);
        let expires_at = expires
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| prost_types::Timestamp {
                seconds: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                nanos: i32::try_from(d.subsec_nanos()).unwrap_or(0),
            })
            .ok();
        Ok(Response::new(CreateIamTokenResponse {
            iam_token,
            expires_at,
        }))
    }
}

impl Api {
    /// Only tokens on the list; with an empty list, any non-empty token when auth is not
    /// required (the demo) or `--accept-any-oauth` says so, else none.
    fn check_oauth(&self, token: &str) -> Result<(), Status> {
        let config = &self.state.config;
        if token.is_empty() {
            return Err(Status::invalid_argument(
                "yandex_passport_oauth_token: required",
            ));
        }
        if config.oauth_tokens.is_empty() {
            if config.require_auth && !config.accept_any_oauth {
                return Err(Status::unauthenticated(
                    "OAuth exchange is off: this emulator was started with --require-auth and no --oauth-token (give one, or --accept-any-oauth)",
                ));
            }
            return Ok(());
        }
        if !config.oauth_tokens.iter().any(|k| k.expose() == token) {
            return Err(Status::unauthenticated(
                "the OAuth token is not valid: it may have expired or been revoked",
            ));
        }
        Ok(())
    }
}

fn part<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> Result<T, Status> {
    let bytes = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| Status::invalid_argument(format!("jwt: the {what} is not base64url")))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Status::invalid_argument(format!(
            "jwt: the {what} is not valid: {}",
            crate::parse_error::json(&e)
        ))
    })
}

/// Checks a service-account JWT the way IAM does, at time `now` (Unix seconds).
fn verify_jwt(jwt: &str, now: i64) -> Result<(), Status> {
    let [header_b64, claims_b64, signature_b64] = jwt.split('.').collect::<Vec<_>>()[..] else {
        return Err(Status::invalid_argument(
            "jwt: expected header.claims.signature",
        ));
    };
    let header: Header = part(header_b64, "header")?;
    if header.alg != "PS256" {
        return Err(Status::invalid_argument(format!(
            "jwt: alg must be PS256, not {}",
            header.alg
        )));
    }
    let key = sa_keys::public_key(&header.kid)
        .ok_or_else(|| Status::unauthenticated(format!("jwt: unknown key id '{}'", header.kid)))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .map_err(|_| Status::invalid_argument("jwt: the signature is not base64url"))?;
    let signed = format!("{header_b64}.{claims_b64}");
    UnparsedPublicKey::new(&RSA_PSS_2048_8192_SHA256, key)
        .verify(signed.as_bytes(), &signature)
        .map_err(|_| {
            Status::unauthenticated(format!(
                "jwt: the signature does not verify with key '{}'",
                header.kid
            ))
        })?;
    let claims: Claims = part(claims_b64, "claims")?;
    if claims.iss != sa_keys::TEST_SERVICE_ACCOUNT_ID {
        return Err(Status::unauthenticated(format!(
            "jwt: key '{}' does not belong to service account '{}'",
            header.kid, claims.iss
        )));
    }
    if claims.aud != JWT_AUDIENCE {
        return Err(Status::unauthenticated(format!(
            "jwt: aud must be {JWT_AUDIENCE}"
        )));
    }
    check_times(&claims, now)
}

/// `iat ≤ now + 60 s`, `exp > now` and `exp ≤ iat + 1 h`, without overflow on any input.
fn check_times(claims: &Claims, now: i64) -> Result<(), Status> {
    if claims.iat > now.saturating_add(CLOCK_SKEW_SECS) {
        return Err(Status::invalid_argument("jwt: iat is in the future"));
    }
    if claims.exp <= now {
        return Err(Status::unauthenticated("jwt: expired"));
    }
    let latest_exp = claims.iat.checked_add(MAX_JWT_LIFETIME_SECS);
    if latest_exp.is_none_or(|latest| claims.exp > latest) {
        return Err(Status::invalid_argument(
            "jwt: exp must be at most 1 hour after iat",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Secret, sa_key::ServiceAccountKey};
    use std::time::{Duration, SystemTime};

    fn test_key() -> ServiceAccountKey {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.json");
        sa_keys::write_key_file(&path).unwrap();
        ServiceAccountKey::from_file(&path).unwrap()
    }

    fn now() -> i64 {
        clock::now().seconds
    }

    #[test]
    fn a_signed_jwt_passes_until_it_expires() {
        let jwt = test_key().jwt(SystemTime::now()).unwrap();
        assert!(verify_jwt(jwt.expose(), now()).is_ok());
        let err = verify_jwt(jwt.expose(), now() + 3601).unwrap_err();
        assert_eq!(err.code(), tonic::Code::Unauthenticated);
        assert!(err.message().contains("expired"));
        let old = test_key()
            .jwt(SystemTime::now() - Duration::from_secs(7200))
            .unwrap();
        assert!(verify_jwt(old.expose(), now()).is_err());
    }

    #[test]
    fn future_iat_long_lifetimes_and_other_audiences_are_refused() {
        let key = test_key();
        let future = key
            .jwt(SystemTime::now() + Duration::from_secs(7200))
            .unwrap();
        let err = verify_jwt(future.expose(), now()).unwrap_err();
        assert!(err.message().contains("future"), "{}", err.message());
        let skewed = key
            .jwt(SystemTime::now() + Duration::from_secs(30))
            .unwrap();
        assert!(verify_jwt(skewed.expose(), now()).is_ok());
        let claims = |aud: &str, iat: i64, exp: i64| serde_json::json!({"iss": sa_keys::TEST_SERVICE_ACCOUNT_ID, "aud": aud, "iat": iat, "exp": exp});
        let two_hours = key
            .signed(&claims(JWT_AUDIENCE, now(), now() + 7200))
            .unwrap();
        let err = verify_jwt(two_hours.expose(), now()).unwrap_err();
        assert!(err.message().contains("1 hour"), "{}", err.message());
        let elsewhere = key
            .signed(&claims("https://example.com/tokens", now(), now() + 600))
            .unwrap();
        let err = verify_jwt(elsewhere.expose(), now()).unwrap_err();
        assert!(err.message().contains("aud"), "{}", err.message());
    }

    #[test]
    fn extreme_times_never_overflow() {
        let claims = |iat, exp| Claims {
            iss: String::new(),
            aud: String::new(),
            iat,
            exp,
        };
        for (iat, exp, at) in [
            (i64::MAX, i64::MAX, i64::MAX),
            (i64::MAX - 10, i64::MAX, i64::MAX),
            (i64::MIN, i64::MAX, 0),
            (i64::MIN, i64::MIN, i64::MIN),
            (0, i64::MAX, i64::MIN),
        ] {
            assert!(
                check_times(&claims(iat, exp), at).is_err(),
                "{iat} {exp} {at}"
            );
        }
        assert!(check_times(&claims(100, 3700), 200).is_ok());
        assert!(check_times(&claims(100, 3701), 200).is_err());
    }

    #[test]
    fn tampering_and_other_keys_are_refused() {
        let jwt = test_key().jwt(SystemTime::now()).unwrap();
        let mut parts: Vec<String> = jwt.expose().split('.').map(str::to_string).collect();
        parts[1] = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"iss":"{}","aud":"{JWT_AUDIENCE}","iat":0,"exp":{}}}"#,
            sa_keys::TEST_SERVICE_ACCOUNT_ID,
            now() + 60
        ));
        let err = verify_jwt(&parts.join("."), now()).unwrap_err();
        assert!(err.message().contains("signature"), "{}", err.message());
        let other = ServiceAccountKey::new(
            "ajeother".into(),
            "sa".into(),
            Secret::new(include_str!("testkey/TEST_ONLY_sa_key.pem")),
        );
        let err = verify_jwt(other.jwt(SystemTime::now()).unwrap().expose(), now()).unwrap_err();
        assert!(
            err.message().contains("unknown key id"),
            "{}",
            err.message()
        );
        assert_eq!(
            verify_jwt("a.b", now()).unwrap_err().code(),
            tonic::Code::InvalidArgument
        );
    }
}
