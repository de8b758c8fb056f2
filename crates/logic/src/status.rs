//! How a cloud's status word reads to a person: good, on its way, bad or idle. Lists poll while a
//! row is on its way; badges take their colour from it.

/// How a status reads to a person, whatever the cloud calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    /// On the way to another status; lists keep polling while a row has one.
    Busy,
    Bad,
    Idle,
}

pub fn tone(status: &str) -> Tone {
    match status.to_ascii_lowercase().as_str() {
        "active" | "available" | "completed" | "in-use" | "running" | "enabled" => Tone::Good,
        "error" | "failed" | "killed" | "deleted" | "error_deleting" | "error_restoring"
        | "error_extending" | "invalid" | "deregistered" => Tone::Bad,
        "shutoff" | "stopped" | "paused" | "suspended" | "shelved" | "shelved_offloaded"
        | "disabled" | "deactivated" | "reserved" => Tone::Idle,
        _ => Tone::Busy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitional_states_are_busy() {
        for busy in [
            "queued",
            "saving",
            "creating",
            "BUILD",
            "backing-up",
            "pending",
            "restoring-backup",
        ] {
            assert_eq!(tone(busy), Tone::Busy, "{busy}");
        }
        assert_eq!(tone("ACTIVE"), Tone::Good);
        assert_eq!(tone("SHUTOFF"), Tone::Idle);
        assert_eq!(tone("error"), Tone::Bad);
    }
}
