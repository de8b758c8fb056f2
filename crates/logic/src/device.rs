//! EC2 device names for a volume attached to an instance: the next free one to offer, and why
//! a typed one is refused before AttachVolume is sent.

/// The names AWS recommends for EBS data volumes on Linux instances, in the order offered.
const OFFERED: &[&str] = &[
    "/dev/sdf", "/dev/sdg", "/dev/sdh", "/dev/sdi", "/dev/sdj", "/dev/sdk", "/dev/sdl", "/dev/sdm",
    "/dev/sdn", "/dev/sdo", "/dev/sdp",
];

/// Why a device name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceRefusal {
    /// Not of the form `/dev/sd[a-z]`, `/dev/xvd[a-z]` (optionally a second letter) or `xvd…`.
    Malformed,
    /// The instance already has a volume there.
    Used,
}

/// `/dev/sdf` and `/dev/xvdf` name the same slot on Xen instances, and `/dev/sda1` is a
/// partition of `/dev/sda`: compared by their letters.
fn slot(name: &str) -> &str {
    let name = name.trim_start_matches("/dev/");
    name.trim_start_matches("xvd")
        .trim_start_matches("sd")
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The first recommended name that none of `used` takes.
pub fn next_free<'a>(used: impl IntoIterator<Item = &'a str> + Clone) -> Option<&'static str> {
    OFFERED
        .iter()
        .copied()
        .find(|name| !used.clone().into_iter().any(|u| slot(u) == slot(name)))
}

/// A typed device name, trimmed, if it is well formed and free on the instance.
pub fn check<'a>(
    name: &str,
    used: impl IntoIterator<Item = &'a str>,
) -> Result<String, DeviceRefusal> {
    let name = name.trim();
    let letters = name
        .strip_prefix("/dev/sd")
        .or_else(|| name.strip_prefix("/dev/xvd"))
        .or_else(|| name.strip_prefix("xvd"))
        .ok_or(DeviceRefusal::Malformed)?;
    // One or two letters, then an optional partition number (`/dev/sda1`, as root devices are).
    let digits = letters.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let alpha = letters.len() - digits.len();
    let well_formed =
        (1..=2).contains(&alpha) && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(DeviceRefusal::Malformed);
    }
    if used.into_iter().any(|u| slot(u) == slot(name)) {
        return Err(DeviceRefusal::Used);
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_free_recommended_name_is_offered() {
        assert_eq!(next_free(["/dev/xvda"]), Some("/dev/sdf"));
        assert_eq!(
            next_free(["/dev/xvda", "/dev/sdf", "/dev/xvdg"]),
            Some("/dev/sdh")
        );
        let all: Vec<&str> = OFFERED.to_vec();
        assert_eq!(next_free(all.iter().copied()), None);
    }

    #[test]
    fn a_used_or_malformed_name_is_refused() {
        assert_eq!(
            check(" /dev/sdg ", ["/dev/xvda"]),
            Ok("/dev/sdg".to_owned())
        );
        assert_eq!(check("/dev/sdf", ["/dev/xvdf"]), Err(DeviceRefusal::Used));
        assert_eq!(check("/dev/xvda", ["/dev/xvda"]), Err(DeviceRefusal::Used));
        assert_eq!(check("sdf", ["/dev/xvda"]), Err(DeviceRefusal::Malformed));
        assert_eq!(check("/dev/sdF", []), Err(DeviceRefusal::Malformed));
        assert_eq!(check("/dev/sd", []), Err(DeviceRefusal::Malformed));
        assert_eq!(check("/dev/sdfgh", []), Err(DeviceRefusal::Malformed));
        // A root device's partition takes its disk's slot.
        assert_eq!(check("/dev/sda1", ["/dev/sda1"]), Err(DeviceRefusal::Used));
        assert_eq!(check("/dev/sda", ["/dev/sda1"]), Err(DeviceRefusal::Used));
        assert_eq!(check("/dev/sda1", ["/dev/sdf"]), Ok("/dev/sda1".to_owned()));
        assert_eq!(check("/dev/sda1x", []), Err(DeviceRefusal::Malformed));
    }
}
