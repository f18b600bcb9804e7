//! The IPC surface. Each command takes state and arguments, calls the core, maps the error.
//! `api!` lists them once: it builds the handler and the signatures the TypeScript client is
//! generated from.

pub mod app;
pub mod event;

include!("names.rs");

/// A command's name and the TypeScript types of its arguments and result.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

macro_rules! api {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        pub fn signatures() -> Vec<Signature> {
            let cfg = ts_rs::Config::new();
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), <$ty as ts_rs::TS>::name(&cfg))),*],
                result: <$result as ts_rs::TS>::name(&cfg),
            }),*]
        }
    };
}

use muntada::event::{Event, EventInput, EventOverview};
use muntada::reference::ReferenceData;

api! {
    app::app_info() -> app::AppInfo;
    app::app_ready(view: String) -> ();
    app::reference_data() -> ReferenceData;
    app::demo_open() -> Event;
    event::event_list() -> Vec<Event>;
    event::event_get(id: String) -> Event;
    event::event_create(input: EventInput) -> Event;
    event::event_update(id: String, input: EventInput) -> Event;
    event::event_delete(id: String) -> ();
    event::event_overview(id: String) -> EventOverview;
}

#[cfg(test)]
mod tests {
    #[test]
    fn permissions_cover_exactly_the_handlers() {
        let handlers: Vec<&str> = super::signatures().iter().map(|s| s.name).collect();
        assert_eq!(handlers, super::COMMAND_NAMES, "update src/commands/names.rs");
    }
}
