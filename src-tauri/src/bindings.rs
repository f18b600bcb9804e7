//! Generates the UI's typed client from the Rust types: `ui/src/api/types.ts` (every type that
//! crosses IPC) and `ui/src/api/client.ts` (one function per command). Never edit those files:
//! run `make bindings`. A test fails when they are stale.

use muntada::audit::{AuditAction, AuditEntity, AuditEntry, AuditSubject};
use muntada::bilingual::{Bilingual, Lang};
use muntada::documents::certificates::CertificateLang;
use muntada::documents::BadgeLayout;
use muntada::event::{
    ArabicDigits, Event, EventCounts, EventInput, EventLogo, EventOverview, EventStatus, LogoFormat, Signatory,
};
use muntada::pledges::{
    CancelView, CurrencyTotals, FieldProblem, LineInput, LineView, PledgeInput, PledgeKind, PledgePreview,
    PledgeStatus, PledgeSummary, PledgeView, PreviewLine, RateInput, RateView, Schedule, ScheduleLines, ScheduleRange,
    StageChange, UsdTotals, YearTotals,
};
use muntada::programme::conflicts::{Conflict, ConflictKind};
use muntada::programme::release::{Diff, Moved, PeopleChanged, PersonRole, ReleaseInfo, SessionSlot};
use muntada::programme::{OpeningHours, Role, Room, Session, SessionKind, SessionMove, Speaker};
use muntada::reference::{CountryName, CurrencyInfo, ReferenceData, TimeZoneChoice};
use muntada::Reason;
use serde::Serialize;
use ts_rs::{Config, TS};

use crate::commands::backup::{BackupRestored, BackupSaved};
use crate::commands::outcome::{OutcomeDocument, OutcomeLang, SectionView};
use crate::commands::{self, app::AppInfo, export::ExportOutcome, pledges::PledgeListing};
use crate::error::ShellReason;
use crate::ApiError;

const HEADER: &str = "// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.\n";

macro_rules! declarations {
    ($cfg:expr, $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

/// `ui/src/api/types.ts`.
pub fn types() -> String {
    let cfg = Config::new();
    let decls = declarations!(
        &cfg,
        ApiError,
        crate::error::ErrorCode,
        Reason,
        ShellReason,
        muntada::Id,
        AppInfo,
        AuditAction,
        AuditEntity,
        AuditEntry,
        AuditSubject,
        BackupRestored,
        BackupSaved,
        Bilingual,
        Event,
        EventCounts,
        EventInput,
        EventLogo,
        EventOverview,
        Signatory,
        CertificateLang,
        BadgeLayout,
        LogoFormat,
        EventStatus,
        ArabicDigits,
        Lang,
        ReferenceData,
        CountryName,
        CurrencyInfo,
        TimeZoneChoice,
        CancelView,
        CurrencyTotals,
        LineInput,
        LineView,
        PledgeInput,
        PledgeKind,
        PledgeListing,
        PledgePreview,
        PreviewLine,
        muntada::money::Money,
        FieldProblem,
        PledgeStatus,
        PledgeSummary,
        PledgeView,
        RateInput,
        RateView,
        Schedule,
        ScheduleLines,
        ScheduleRange,
        StageChange,
        UsdTotals,
        YearTotals,
        Session,
        SessionKind,
        SessionMove,
        Speaker,
        Room,
        OpeningHours,
        Role,
        Conflict,
        ConflictKind,
        ReleaseInfo,
        Diff,
        SessionSlot,
        Moved,
        PeopleChanged,
        PersonRole,
        ExportOutcome,
        muntada::documents::ExportKind,
        muntada::programme::SessionInput,
        muntada::programme::RoomInput,
        muntada::programme::SignUps,
        muntada::programme::Availability,
        muntada::programme::Assignment,
        OutcomeDocument,
        OutcomeLang,
        SectionView,
        muntada::outcome::Version,
        muntada::outcome::Adoption,
        muntada::outcome::Section,
        muntada::outcome::SectionKind,
        muntada::outcome::LanguageState,
        muntada::outcome::SectionInput,
        muntada::outcome::SectionEdit,
        muntada::outcome::SectionDiff,
        muntada::outcome::Change,
        muntada::outcome::TextChange,
        muntada::outcome::RichText,
        muntada::outcome::RichBlock,
        muntada::outcome::Span,
        muntada::programme::SpeakerInput,
        muntada::programme::SpeakerCandidate,
        muntada::participants::Participant,
        muntada::participants::ParticipantInput,
        muntada::participants::ParticipantStatus,
        muntada::participants::Added,
        muntada::participants::Erasure,
        muntada::participants::CheckedIn,
        muntada::participants::CheckInWarning,
        muntada::participants::ColumnMapping,
        muntada::participants::ImportReport,
        muntada::participants::ImportDuplicate,
        muntada::participants::RowProblem,
        muntada::participants::import::RowWarning,
        muntada::participants::import::UnmatchedValue,
        muntada::participants::import::ValueChoice,
        muntada::participants::values::ValueField,
        muntada::participants::DuplicateReason,
        muntada::participants::TablePreview,
        muntada::participants::query::ParticipantQuery,
        muntada::participants::query::ParticipantPage,
        muntada::participants::query::SortKey,
        muntada::participants::query::Selection,
        muntada::participants::delegation::Delegation,
        muntada::participants::delegation::DelegationInput,
        crate::commands::participants::ImportPreview,
        crate::commands::participants::CategoryInfo,
        muntada::participants::category::CategoryInput,
        muntada::store::TeamRole,
        crate::state::TeamStatus,
        crate::state::TeamPlace,
        crate::team::TeamLogin,
        crate::team::TeamNews,
        muntada::desk::DeskStatus,
        muntada::desk::DeskInfo,
        muntada::desk::DeskCheckIn,
        muntada::desk::DeskPerson,
        muntada::desk::QueuedScan,
        muntada::desk::ScanResult,
        muntada::desk::ScanOutcome,
        muntada::desk::Refusal,
        muntada::desk::OtherScan,
        muntada::desk::Via,
    );
    let lists = [
        list("ERROR_CODES", "ErrorCode", crate::error::ErrorCode::ALL),
        list("REASONS", "Reason", Reason::ALL),
        list("SHELL_REASONS", "ShellReason", ShellReason::ALL),
        list("LANGS", "Lang", Lang::ALL),
        list("ARABIC_DIGITS", "ArabicDigits", &ArabicDigits::ALL),
        list("PLEDGE_KINDS", "PledgeKind", PledgeKind::ALL),
        list("SESSION_KINDS", "SessionKind", SessionKind::ALL),
        list("ROLES", "Role", Role::ALL),
        list("SECTION_KINDS", "SectionKind", muntada::outcome::SectionKind::ALL),
    ];
    format!("{HEADER}\n{}\n\n{}\n", decls.join("\n\n"), lists.join("\n\n"))
}

/// Every value of a closed set, in the core's order, as a constant: the UI lists choices and
/// its tests check translations from these, so a value added in Rust reaches both. A constant
/// rather than a command because the sets are fixed at build time and tests read them without
/// a running core.
fn list<T: Serialize>(name: &str, ty: &str, all: &[T]) -> String {
    let words: Vec<String> = all.iter().map(|v| serde_json::to_string(v).expect("a word serialises")).collect();
    format!("export const {name}: readonly {ty}[] = [{}];", words.join(", "))
}

/// `ui/src/api/client.ts`: one function per command, through the one `call` in `invoke.ts`.
pub fn client() -> String {
    let signatures = commands::signatures();
    let mut used: Vec<&str> = Vec::new();
    let mut functions = Vec::new();
    for sig in &signatures {
        let params: Vec<String> = sig.args.iter().map(|(name, ty)| format!("{}: {ty}", camel(name))).collect();
        let keys: Vec<String> = sig.args.iter().map(|(name, _)| camel(name)).collect();
        for ty in sig.args.iter().map(|(_, ty)| ty.as_str()).chain([sig.result.as_str()]) {
            used.extend(type_names(ty));
        }
        let args = if keys.is_empty() { "{}".to_owned() } else { format!("{{ {} }}", keys.join(", ")) };
        functions.push(format!(
            "export function {}({}): Promise<{}> {{\n  return call(\"{}\", {args});\n}}",
            camel(sig.name),
            params.join(", "),
            sig.result,
            sig.name,
        ));
    }
    used.sort_unstable();
    used.dedup();
    // Tauri's channel (a command's stream to the window) is a class of its API, not a type here.
    let channel = used.contains(&"Channel");
    used.retain(|name| *name != "Channel");
    let mut imports =
        if channel { "import type { Channel } from \"@tauri-apps/api/core\";\n".to_owned() } else { String::new() };
    if !used.is_empty() {
        imports.push_str(&format!("import type {{ {} }} from \"./types\";\n", used.join(", ")));
    }
    format!("{HEADER}import {{ call }} from \"./invoke\";\n{imports}\n{}\n", functions.join("\n\n"))
}

/// `event_overview` → `eventOverview`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The declared type names a TypeScript type expression refers to (`Array<Event>` → `Event`).
fn type_names(ty: &str) -> impl Iterator<Item = &str> {
    const BUILTIN: &[&str] = &["Array", "Record", "string", "number", "boolean", "null", "bigint", "Partial"];
    ty.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && w.starts_with(|c: char| c.is_ascii_uppercase()) && !BUILTIN.contains(w))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn check_file(relative: &str, expected: &str) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(relative);
        if std::env::var_os("MUNTADA_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, expected).expect("write bindings");
            return;
        }
        let found = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(found == expected, "{relative} is stale: run `make bindings` and commit the result");
    }

    #[test]
    fn generated_types_are_current() {
        check_file("ui/src/api/types.ts", &types());
    }

    #[test]
    fn generated_client_is_current() {
        check_file("ui/src/api/client.ts", &client());
    }

    #[test]
    fn names() {
        assert_eq!(camel("event_overview"), "eventOverview");
        assert_eq!(camel("app_info"), "appInfo");
        assert_eq!(type_names("Array<Event> | null").collect::<Vec<_>>(), ["Event"]);
    }
}
