//! What a form checks before it sends anything: names and descriptions within the services'
//! column sizes, and sizes that are whole numbers of GiB within their bounds. A refusal here
//! names the rule, so the form can say why; nothing is sent, nothing is half-created.

/// Cinder's and Glance's name and description columns (`String(255)`); Nova's server names too.
pub const MAX_NAME: usize = 255;

/// Why a form refuses its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A name is required and only spaces were given.
    NameEmpty,
    /// More than [`MAX_NAME`] characters (Unicode scalar values, as the services count them).
    TooLong { field: Field, length: usize },
    /// Not a whole number of GiB.
    NotASize,
    /// Below the smallest size allowed (the source's, or the current size plus one).
    TooSmall { min: u64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
}

/// A required name, trimmed, at most [`MAX_NAME`] characters.
pub fn name(text: &str) -> Result<String, Refusal> {
    let name = text.trim();
    if name.is_empty() {
        return Err(Refusal::NameEmpty);
    }
    within(Field::Name, name).map(str::to_owned)
}

/// An optional description, kept as typed, at most [`MAX_NAME`] characters.
pub fn description(text: &str) -> Result<String, Refusal> {
    within(Field::Description, text).map(str::to_owned)
}

fn within(field: Field, text: &str) -> Result<&str, Refusal> {
    match text.chars().count() {
        length if length > MAX_NAME => Err(Refusal::TooLong { field, length }),
        _ => Ok(text),
    }
}

/// A size in GiB of at least `min`.
pub fn size(text: &str, min: u64) -> Result<u64, Refusal> {
    let size: u64 = text.trim().parse().map_err(|_| Refusal::NotASize)?;
    if size < min {
        return Err(Refusal::TooSmall { min });
    }
    Ok(size)
}

/// The GiB a volume needs to hold an image of `bytes` (rounded up) and its `min_disk`.
pub fn gib_for_image(bytes: Option<u64>, min_disk: Option<u64>) -> u64 {
    const GIB: u64 = 1 << 30;
    let for_bytes = bytes.unwrap_or(0).div_ceil(GIB);
    for_bytes.max(min_disk.unwrap_or(0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(name("  db-data  "), Ok("db-data".to_owned()));
        assert_eq!(name("   "), Err(Refusal::NameEmpty));
    }

    #[test]
    fn names_count_characters_not_bytes() {
        let at_limit = "é".repeat(MAX_NAME);
        assert_eq!(name(&at_limit), Ok(at_limit.clone()));
        let over = "a".repeat(MAX_NAME + 1);
        assert_eq!(
            name(&over),
            Err(Refusal::TooLong {
                field: Field::Name,
                length: 256
            })
        );
        assert_eq!(
            description(&over),
            Err(Refusal::TooLong {
                field: Field::Description,
                length: 256
            })
        );
        assert_eq!(description(""), Ok(String::new()));
    }

    #[test]
    fn sizes_are_whole_and_at_least_the_minimum() {
        assert_eq!(size(" 3 ", 2), Ok(3));
        assert_eq!(size("2", 2), Ok(2));
        assert_eq!(size("1", 2), Err(Refusal::TooSmall { min: 2 }));
        assert_eq!(size("1.5", 1), Err(Refusal::NotASize));
        assert_eq!(size("-1", 1), Err(Refusal::NotASize));
        assert_eq!(size("", 1), Err(Refusal::NotASize));
    }

    #[test]
    fn an_image_needs_its_bytes_rounded_up_and_its_min_disk() {
        assert_eq!(gib_for_image(Some(1024 * 1024), None), 1);
        assert_eq!(gib_for_image(Some((1 << 30) + 1), Some(0)), 2);
        assert_eq!(gib_for_image(Some(1024), Some(10)), 10);
        assert_eq!(gib_for_image(None, None), 1);
    }
}
