//! The one error type of the core. API boundary: the CLI prints it, the desktop shell turns it
//! into `{ code, field, reason, message }` for the UI, which translates `reason` and `field`.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::word::word_enum;

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

word_enum!(
    /// Why a value was refused: a small vocabulary the UI translates. The UI's catalogues are
    /// tested against the list generated from this one (`REASONS` in `ui/src/api/types.ts`).
    Reason {
        Required = "required",
        TooLong = "too_long",
        InvalidDate = "invalid_date",
        InvalidTime = "invalid_time",
        NonexistentLocalTime = "nonexistent_local_time",
        AmbiguousLocalTime = "ambiguous_local_time",
        UnknownTimezone = "unknown_timezone",
        UnknownCountry = "unknown_country",
        UnknownCurrency = "unknown_currency",
        InvalidAmount = "invalid_amount",
        AmbiguousAmount = "ambiguous_amount",
        AmountTooLarge = "amount_too_large",
        ExceedsPledge = "exceeds_pledge",
        EndBeforeStart = "end_before_start",
        InvalidYearRange = "invalid_year_range",
        NotFound = "not_found",
        AmbiguousId = "ambiguous_id",
        WrongEvent = "wrong_event",
        InvalidValue = "invalid_value",
        ControlCharacters = "control_characters",
        Duplicate = "duplicate",
        /// What an action was to apply to changed since the person chose it.
        Changed = "changed",
        /// Other records still refer to this one.
        InUse = "in_use",
        SchemaTooNew = "schema_too_new",
        /// Another program holds the database longer than the busy timeout.
        Busy = "busy",
        /// The file, its folder or the disk does not allow writing.
        ReadOnly = "read_only",
        /// The disk (or the user's quota) is full.
        DiskFull = "disk_full",
        /// The file is not an SQLite database at all (or its header is damaged).
        NotADatabase = "not_a_database",
        /// An SQLite database whose content fails SQLite's own checks.
        Damaged = "damaged",
        /// An SQLite database, but not one Muntada wrote: unknown tables, triggers or views.
        ForeignSchema = "foreign_schema",
        /// The team database refuses the change to this login's role.
        NotPermitted = "not_permitted",
        /// No team database server answers at that host and port (refused, no route, unknown name).
        Unreachable = "unreachable",
        /// The team database server did not answer within the connect timeout.
        TimedOut = "timed_out",
        /// The connection to the team database dropped while in use.
        ConnectionLost = "connection_lost",
        /// The team database server refused the login: user name or password.
        PasswordRefused = "password_refused",
        /// The team database server has no database of that name.
        NoDatabase = "no_database",
        /// The server's certificate is not signed by a CA this computer (or `sslrootcert`) trusts.
        CertificateUntrusted = "certificate_untrusted",
        /// The server's certificate is for another host name than the one connected to.
        CertificateWrongHost = "certificate_wrong_host",
        /// TLS was asked for and the server does not offer it.
        TlsUnavailable = "tls_unavailable",
        Storage = "storage",
        Internal = "internal",
    }
);

/// A failure with the field it concerns (camelCase, as the UI and `--json` name fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub field: Option<String>,
    pub reason: Reason,
    /// English detail for the CLI and logs; the UI shows its own translation of `reason`.
    pub message: String,
    /// Every field a form's check refused, this error's own first, so that the form can show
    /// them all at once; empty when one value was checked.
    pub problems: Vec<FieldProblem>,
}

/// A field refused (`startDate`, `lines[2]`, `rate`…) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub reason: Reason,
}

impl From<Error> for FieldProblem {
    fn from(e: Error) -> FieldProblem {
        FieldProblem { field: e.field.unwrap_or_default(), reason: e.reason }
    }
}

/// Checks a form field by field and refuses it once, naming every field that failed: the first
/// refusal is the error, the others ride along in its `problems`.
#[derive(Debug, Default)]
pub struct Problems {
    first: Option<Error>,
    all: Vec<FieldProblem>,
}

impl Problems {
    /// The checked value, or None after noting why it was refused.
    pub fn check<T>(&mut self, checked: Result<T>) -> Option<T> {
        checked.map_err(|e| self.note(e)).ok()
    }

    /// Notes a refusal; a field already refused keeps its first reason.
    pub fn note(&mut self, e: Error) {
        if let Some(field) = &e.field {
            if !self.all.iter().any(|p| &p.field == field) {
                self.all.push(FieldProblem { field: field.clone(), reason: e.reason });
            }
        }
        // A failure to read the store is what the caller must hear, whatever came before.
        let fatal = matches!(e.kind, ErrorKind::Storage | ErrorKind::Internal);
        match &self.first {
            Some(first) if !fatal || matches!(first.kind, ErrorKind::Storage | ErrorKind::Internal) => {}
            _ => self.first = Some(e),
        }
    }

    /// Whether a field was refused already (a check that needs it is then left out).
    pub fn has(&self, field: &str) -> bool {
        self.all.iter().any(|p| p.field == field)
    }

    /// The first refusal, carrying them all, or Ok when every field passed.
    pub fn finish(self) -> Result<()> {
        match self.first {
            None => Ok(()),
            Some(first) => Err(Error { problems: self.all, ..first }),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: &str, reason: Reason, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::InvalidInput,
            field: Some(field.to_owned()),
            reason,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn not_found(field: &str, what: &str, id: &str) -> Error {
        Error {
            kind: ErrorKind::NotFound,
            field: Some(field.to_owned()),
            reason: Reason::NotFound,
            message: format!("no {what} with id {id:?}"),
            problems: Vec::new(),
        }
    }

    pub fn conflict(field: Option<&str>, reason: Reason, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Conflict,
            field: field.map(str::to_owned),
            reason,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn storage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Storage,
            field: None,
            reason: Reason::Storage,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// A storage failure with a more precise reason the UI can translate (busy, disk full…).
    pub fn storage_because(reason: Reason, message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Storage, field: None, reason, message: message.into(), problems: Vec::new() }
    }

    pub fn internal(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Internal,
            field: None,
            reason: Reason::Internal,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Whether the team database's server could not be reached or the connection to it
    /// dropped: what a desk may wait out and retry, unlike a refusal.
    pub fn server_unreachable(&self) -> bool {
        matches!(self.reason, Reason::Unreachable | Reason::TimedOut | Reason::ConnectionLost)
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

impl From<postgres::Error> for Error {
    /// PostgreSQL's failures: a connection that closed says so (nothing it was writing was
    /// committed); the rest keep the server's words, which never include the password.
    fn from(e: postgres::Error) -> Error {
        if e.is_closed() {
            return Error::storage_because(
                Reason::ConnectionLost,
                format!("the connection to the team database was lost; nothing of this change was saved ({e})"),
            );
        }
        match e.as_db_error() {
            Some(db) if db.code() == &postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => Error::storage_because(
                Reason::NotPermitted,
                format!(
                    "your login's role does not allow this change, and the team database refused it ({}); \
                     nothing was written — an admin can change your role",
                    db.message()
                ),
            ),
            Some(db) => Error::storage(format!("database error: {} ({})", db.message(), db.code().code())),
            None => Error::storage(format!("database error: {e}")),
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// SQLite's failures that people can act on get their own reason and an explanation;
    /// the rest stay "storage" with SQLite's words as the detail.
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        let code = match &e {
            rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
            _ => None,
        };
        let (reason, advice) = match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => (
                Reason::Busy,
                "the database is busy: another Muntada window or command is writing to it; \
                 nothing was written, try again when it has finished",
            ),
            Some(ErrorCode::ReadOnly) => {
                (Reason::ReadOnly, "the database cannot be written: the file, its folder or the disk is read-only")
            }
            Some(ErrorCode::DiskFull) => {
                (Reason::DiskFull, "the disk is full: nothing was written; free some space and try again")
            }
            Some(ErrorCode::NotADatabase) => {
                (Reason::NotADatabase, "the file is not a database, or its header is damaged")
            }
            Some(ErrorCode::DatabaseCorrupt) => (Reason::Damaged, "the database file is damaged"),
            _ => return Error::storage(format!("database error: {e}")),
        };
        Error::storage_because(reason, format!("{advice} ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use super::Reason;

    /// The words the CLI's `--json` and the UI have always received: serde's and `as_str` agree.
    #[test]
    fn reasons_serialise_as_their_words() {
        for reason in Reason::ALL {
            assert_eq!(serde_json::to_value(reason).unwrap(), reason.as_str(), "{reason:?}");
        }
    }
}
