//! `muntada team …` and `--db postgres://…`: the shared database of a team.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;
use muntada::store::transfer;
use muntada::store::{TeamRole, TeamTarget};
use muntada::{Error, Reason, Store};

use super::output::{counted, Out};

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Create Muntada's schema and roles in an empty PostgreSQL database; with --from, copy a
    /// laptop's database file into it (checked as a restore is)
    Init {
        /// postgres://user@host:port/dbname (no password: PGPASSWORD, ~/.pgpass or a prompt)
        #[arg(value_name = "URL")]
        url: String,
        /// A Muntada database file (or a backup of one) whose events to copy
        #[arg(long, value_name = "FILE.db")]
        from: Option<PathBuf>,
    },
    /// Copy the whole team database, as of one moment, into a new SQLite file: the team's
    /// backup, and the way back to one laptop
    Snapshot {
        #[arg(value_name = "URL")]
        url: String,
        /// The new file to write (an existing file is refused)
        #[arg(long, value_name = "FILE.db")]
        out: PathBuf,
    },
    /// Logins of the team database given by --db (PostgreSQL roles)
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a login; its password is asked for (twice), or read from standard input
    Add {
        name: String,
        /// registration, programme, coordinator or admin
        #[arg(long)]
        role: String,
        /// Read the new login's password from the first line of standard input
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the logins and their roles
    List,
    /// Remove a login
    Remove { name: String },
}

/// Connects to a team database, with the password from `PGPASSWORD`, `~/.pgpass`, or asked
/// for when a person is at the terminal. It is never taken from the command line.
pub fn connect(target: &TeamTarget) -> Result<Store, Error> {
    let password = password(target)?;
    Store::connect(target, password.as_deref())
}

fn password(target: &TeamTarget) -> Result<Option<String>, Error> {
    if let Some(p) = target.password_from_environment() {
        return Ok(Some(p));
    }
    if !std::io::stdin().is_terminal() {
        // The server may need none (a trusted local connection); if it does, its refusal says so.
        return Ok(None);
    }
    let prompt = format!("Password for {} on {}: ", target.user, target.describe());
    rpassword::prompt_password(prompt)
        .map(Some)
        .map_err(|e| Error::invalid("password", Reason::Required, format!("cannot read the password: {e}")))
}

pub fn run(command: TeamCommand, db: Option<&str>, out: &Out) -> Result<u8, Error> {
    match command {
        TeamCommand::Init { url, from } => {
            let target = TeamTarget::parse(&url)?;
            let password = password(&target)?;
            let (_, copied) = transfer::init(&target, password.as_deref(), from.as_deref())?;
            if out.json {
                out.print_json(&copied)?;
            } else {
                out.line(&format!(
                    "{} is ready for the team: {} and {} copied",
                    target.describe(),
                    counted(copied.events, "event", "events"),
                    counted(copied.participants, "participant", "participants")
                ))?;
            }
        }
        TeamCommand::Snapshot { url, out: file } => {
            let store = connect(&TeamTarget::parse(&url)?)?;
            let copied = transfer::snapshot(&store, &file).map_err(|e| e.with_field("out"))?;
            if out.json {
                out.print_json(&serde_json::json!({ "file": file, "events": copied.events, "rows": copied.rows }))?;
            } else {
                out.line(&format!(
                    "wrote {} ({}, {})",
                    file.display(),
                    counted(copied.events, "event", "events"),
                    counted(copied.rows, "row", "rows")
                ))?;
            }
        }
        TeamCommand::User(command) => {
            let url = db.ok_or_else(|| {
                Error::invalid("db", Reason::Required, "give the team database: --db postgres://user@host/dbname")
            })?;
            let store = connect(&TeamTarget::parse(url)?)?;
            match command {
                UserCommand::Add { name, role, password_stdin } => {
                    let role = TeamRole::parse("role", &role)?;
                    muntada::store::check_login_name(&name)?;
                    let password = new_password(&name, password_stdin)?;
                    let user = store.add_team_user(&name, role, &password)?;
                    if out.json {
                        out.print_json(&user)?;
                    } else {
                        out.line(&format!("added {} ({})", user.name, user.role.as_str()))?;
                    }
                }
                UserCommand::List => {
                    let users = store.team_users()?;
                    if out.json {
                        out.print_json(&users)?;
                    } else if users.is_empty() {
                        out.line("no logins yet: add one with `muntada team user add NAME --role …`")?;
                    } else {
                        for u in users {
                            out.line(&format!("{}\t{}", u.name, u.role.as_str()))?;
                        }
                    }
                }
                UserCommand::Remove { name } => {
                    store.remove_team_user(&name)?;
                    out.line(&format!("removed {name}"))?;
                }
            }
        }
    }
    Ok(0)
}

/// The new login's password: the first line of standard input, or typed twice at the terminal.
fn new_password(name: &str, from_stdin: bool) -> Result<String, Error> {
    let unreadable = |e: std::io::Error| Error::invalid("password", Reason::Required, format!("cannot read it: {e}"));
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(unreadable)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "password",
            Reason::Required,
            "give the new password at a terminal, or with --password-stdin",
        ));
    }
    let first = rpassword::prompt_password(format!("New password for {name}: ")).map_err(unreadable)?;
    let again = rpassword::prompt_password("Again: ").map_err(unreadable)?;
    if first != again {
        return Err(Error::invalid("password", Reason::InvalidValue, "the two passwords differ; nothing was changed"));
    }
    Ok(first)
}
