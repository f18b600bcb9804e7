// The app's commands, by name: read by build.rs (which generates one permission per command)
// and checked against the handler list by a test.
pub const COMMAND_NAMES: &[&str] = &[
    "app_info",
    "app_ready",
    "reference_data",
    "demo_open",
    "event_list",
    "event_get",
    "event_create",
    "event_update",
    "event_delete",
    "event_overview",
];
