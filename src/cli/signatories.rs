//! `event signatories`: who signs an event's certificates of attendance, and `--signatory` of
//! `event create`. Kept apart from the other event commands so that it reads alone.

use chrono::{DateTime, Utc};
use clap::Args as ClapArgs;
use muntada::event::{self, Signatory};
use muntada::{Error, Store};

use super::output::Out;

/// What `--signatory` takes.
pub const FORMAT: &str = "NAME|TITLE|NAME_AR|TITLE_AR";

#[derive(ClapArgs)]
pub struct SignatoriesArgs {
    /// The event
    id: String,
    /// Who signs the certificates, as "NAME|TITLE|NAME_AR|TITLE_AR" (repeat for a second
    /// signature; replaces the current ones)
    #[arg(long = "signatory", value_name = FORMAT, conflicts_with = "clear")]
    signatories: Vec<String>,
    /// Remove the signatories
    #[arg(long)]
    clear: bool,
}

/// The signatories typed with `--signatory`, not yet checked.
pub fn parse(typed: &[String]) -> Result<Vec<Signatory>, Error> {
    typed.iter().map(|t| Signatory::parse("signatory", t)).collect()
}

/// Sets (`--signatory`), removes (`--clear`) or shows the signatories.
pub fn run(store: &mut Store, args: SignatoriesArgs, out: &Out, now: DateTime<Utc>) -> Result<(), Error> {
    let signatories = if args.clear || !args.signatories.is_empty() {
        let typed = parse(&args.signatories)?;
        let id = store.events().resolve("id", &args.id)?;
        store.write(|tx| event::set_signatories(tx, &id, &typed, now))?.signatories
    } else {
        event::get(store, &args.id)?.signatories
    };
    if out.json {
        return out.print_json(&serde_json::json!({ "signatories": signatories }));
    }
    if signatories.is_empty() {
        return out.line("no signatories");
    }
    for s in &signatories {
        out.line(&super::output::signatory_line(s))?;
    }
    Ok(())
}
