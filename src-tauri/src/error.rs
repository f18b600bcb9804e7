//! The error as the UI receives it: `{ code, field, reason, message }`. The UI branches on
//! `code`, translates `reason` and `field`, and shows `message` only as a detail.

use muntada::ErrorKind;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    Conflict,
    Storage,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    pub reason: &'static str,
    pub message: String,
}

impl From<muntada::Error> for ApiError {
    fn from(e: muntada::Error) -> ApiError {
        let code = match e.kind() {
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::InvalidInput => ErrorCode::InvalidInput,
            ErrorKind::Conflict => ErrorCode::Conflict,
            ErrorKind::Storage => ErrorCode::Storage,
            ErrorKind::Internal => ErrorCode::Internal,
        };
        ApiError { code, field: e.field, reason: e.reason.as_str(), message: e.message }
    }
}
