//! Stop, start or restart: the three power actions on an instance, and their names.

/// Stop, start or restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowerAction {
    Stop,
    Start,
    Restart,
}

impl PowerAction {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Stop => "stop",
            Self::Start => "start",
            Self::Restart => "restart",
        }
    }

    /// The verb capitalized, to start a question ("Stop web-1?").
    pub fn title(self) -> &'static str {
        match self {
            Self::Stop => "Stop",
            Self::Start => "Start",
            Self::Restart => "Restart",
        }
    }

    /// What the operations pane calls it (the API's own operation description).
    pub fn description(self) -> &'static str {
        match self {
            Self::Stop => "Stop instance",
            Self::Start => "Start instance",
            Self::Restart => "Restart instance",
        }
    }
}
