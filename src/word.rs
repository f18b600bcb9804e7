//! Words stored and typed for a closed set of values (a status, a kind, a role): one macro that
//! gives each such enum its word, its list and a forgiving parser naming the field it refuses.

/// Declares an enum whose variants are stored and sent as the given words (`snake_case` in
/// JSON), with `ALL`, `as_str` and `parse(field, value)`.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// Accepts the word as written here, in any case, with `-` or `_` or a space.
            pub fn parse(field: &str, value: &str) -> $crate::error::Result<$name> {
                let wanted = value.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::error::Error::invalid(
                        field,
                        $crate::error::Reason::InvalidValue,
                        format!("{value:?} is not one of {}", words.join(", ")),
                    )
                })
            }
        }
    };
}
pub(crate) use word_enum;
