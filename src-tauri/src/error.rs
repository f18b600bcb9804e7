//! The error as the UI receives it: `{ code, field, reason, message }`. The UI branches on
//! `code`, translates `reason` and `field`, and shows `message` only as a detail.

use muntada::error::FieldProblem;
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

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] =
        &[ErrorCode::NotFound, ErrorCode::InvalidInput, ErrorCode::Conflict, ErrorCode::Storage, ErrorCode::Internal];
}

/// Why the shell refused, where the core has no word for it: the team password's keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShellReason {
    /// The keyring holds no password for the saved team database.
    PasswordNeeded,
    /// No keyring is running, or it is locked or refused.
    KeyringUnavailable,
}

impl ShellReason {
    pub const ALL: &'static [ShellReason] = &[ShellReason::PasswordNeeded, ShellReason::KeyringUnavailable];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub field: Option<String>,
    /// A word of the core's `Reason`, or of `ShellReason` for what only the shell reports.
    #[ts(type = "Reason | ShellReason")]
    pub reason: &'static str,
    pub message: String,
    /// Every field a form's check refused (the first is `field`), for the form to show them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<FieldProblem>>")]
    pub problems: Vec<FieldProblem>,
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
        ApiError { code, field: e.field, reason: e.reason.as_str(), message: e.message, problems: e.problems }
    }
}
