//! iam.v1 IamTokenService: any non-empty OAuth token or JWT gets a 12-hour emulator token.

use super::{Api, clock, faults};
use crate::api::proto::yandex::cloud::iam::v1::{
    CreateIamTokenRequest, CreateIamTokenResponse, create_iam_token_request::Identity,
    iam_token_service_server::IamTokenService,
};
use tonic::{Request, Response, Status};

/// IAM token lifetime.
const TOKEN_LIFETIME_SECS: i64 = 12 * 3600;

#[tonic::async_trait]
impl IamTokenService for Api {
    async fn create(
        &self,
        req: Request<CreateIamTokenRequest>,
    ) -> Result<Response<CreateIamTokenResponse>, Status> {
        faults::gate(&self.state.config).await?;
        let (field, value) = match req.into_inner().identity {
            None => {
                return Err(Status::invalid_argument(
                    "identity: one of yandex_passport_oauth_token or jwt is required",
                ));
            }
            Some(Identity::YandexPassportOauthToken(t)) => ("yandex_passport_oauth_token", t),
            Some(Identity::Jwt(t)) => ("jwt", t),
        };
        if value.is_empty() {
            return Err(Status::invalid_argument(format!("{field}: required")));
        }
        let now = clock::now();
        Ok(Response::new(CreateIamTokenResponse {
            iam_token: format!("t1.emulator-{}", uuid::Uuid::new_v4()),
            expires_at: Some(clock::ts(now.seconds + TOKEN_LIFETIME_SECS)),
        }))
    }
}
