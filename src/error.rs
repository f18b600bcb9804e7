//! The one error type of the core. API boundary: the CLI prints it, the desktop shell turns it
//! into `{ code, field, reason, message }` for the UI, which translates `reason` and `field`.

use std::fmt;

/// What kind of failure this is; the shell's error `code` is derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    InvalidInput,
    Conflict,
    Storage,
    Internal,
}

impl ErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Storage => "storage",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Why a value was refused: a small vocabulary the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Required,
    TooLong,
    InvalidDate,
    InvalidTime,
    NonexistentLocalTime,
    AmbiguousLocalTime,
    UnknownTimezone,
    UnknownCountry,
    UnknownCurrency,
    InvalidAmount,
    AmbiguousAmount,
    AmountTooLarge,
    ExceedsPledge,
    EndBeforeStart,
    InvalidYearRange,
    NotFound,
    AmbiguousId,
    WrongEvent,
    InvalidValue,
    ControlCharacters,
    Duplicate,
    SchemaTooNew,
    Storage,
    Internal,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Required => "required",
            Reason::TooLong => "too_long",
            Reason::InvalidDate => "invalid_date",
            Reason::InvalidTime => "invalid_time",
            Reason::NonexistentLocalTime => "nonexistent_local_time",
            Reason::AmbiguousLocalTime => "ambiguous_local_time",
            Reason::UnknownTimezone => "unknown_timezone",
            Reason::UnknownCountry => "unknown_country",
            Reason::UnknownCurrency => "unknown_currency",
            Reason::InvalidAmount => "invalid_amount",
            Reason::AmbiguousAmount => "ambiguous_amount",
            Reason::AmountTooLarge => "amount_too_large",
            Reason::ExceedsPledge => "exceeds_pledge",
            Reason::EndBeforeStart => "end_before_start",
            Reason::InvalidYearRange => "invalid_year_range",
            Reason::NotFound => "not_found",
            Reason::AmbiguousId => "ambiguous_id",
            Reason::WrongEvent => "wrong_event",
            Reason::InvalidValue => "invalid_value",
            Reason::ControlCharacters => "control_characters",
            Reason::Duplicate => "duplicate",
            Reason::SchemaTooNew => "schema_too_new",
            Reason::Storage => "storage",
            Reason::Internal => "internal",
        }
    }
}

/// A failure with the field it concerns (camelCase, as the UI and `--json` name fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub field: Option<String>,
    pub reason: Reason,
    /// English detail for the CLI and logs; the UI shows its own translation of `reason`.
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: &str, reason: Reason, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::InvalidInput, field: Some(field.to_owned()), reason, message: message.into() }
    }

    pub fn not_found(field: &str, what: &str, id: &str) -> Error {
        Error {
            kind: ErrorKind::NotFound,
            field: Some(field.to_owned()),
            reason: Reason::NotFound,
            message: format!("no {what} with id {id:?}"),
        }
    }

    pub fn conflict(field: Option<&str>, reason: Reason, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Conflict, field: field.map(str::to_owned), reason, message: message.into() }
    }

    pub fn storage(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Storage, field: None, reason: Reason::Storage, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Internal, field: None, reason: Reason::Internal, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The same error about another field name (e.g. a CLI flag or an import column).
    pub fn with_field(mut self, field: &str) -> Error {
        self.field = Some(field.to_owned());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::storage(format!("database error: {e}"))
    }
}
