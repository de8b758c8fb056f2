//! Command lines as a user would type them: each word quoted only where the shell needs it, and
//! values that start with `-` kept from being read as options.

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `--name VALUE`, or `--name=VALUE` when the value starts with `-` and the CLI would take it
/// for an option of its own (argparse, under both the OpenStack and the AWS CLIs).
pub fn option(flag: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("{flag}={}", shell_word(value))
    } else {
        format!("{flag} {}", shell_word(value))
    }
}

/// A command's last positional argument; after `--` when it starts with `-`, for the same reason.
pub fn last_word(value: &str) -> String {
    if value.starts_with('-') {
        format!("-- {}", shell_word(value))
    } else {
        shell_word(value)
    }
}

/// A command line built word by word, each quoted as the shell needs:
/// `Cli::new("openstack volume snapshot create").option("--volume", id).flag_if(force, "--force")
/// .last(name)`.
#[derive(Debug, Clone, Default)]
pub struct Cli(Vec<String>);

impl Cli {
    /// The command and its subcommands, as typed (not quoted).
    pub fn new(command: &str) -> Self {
        Self(vec![command.to_owned()])
    }

    /// `flag value` (see [`option`]).
    pub fn option(mut self, flag: &str, value: &str) -> Self {
        self.0.push(option(flag, value));
        self
    }

    /// `flag value` when there is a value.
    pub fn option_if(self, flag: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) if !value.is_empty() => self.option(flag, value),
            _ => self,
        }
    }

    /// A bare flag, when `on`.
    pub fn flag_if(mut self, on: bool, flag: &str) -> Self {
        if on {
            self.0.push(flag.to_owned());
        }
        self
    }

    /// A positional argument, quoted.
    pub fn word(mut self, word: &str) -> Self {
        self.0.push(shell_word(word));
        self
    }

    /// The last positional argument (see [`last_word`]).
    pub fn last(mut self, word: &str) -> String {
        self.0.push(last_word(word));
        self.line()
    }

    pub fn line(self) -> String {
        self.0.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(shell_word("web-1"), "web-1");
        assert_eq!(shell_word("my snap"), "'my snap'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn a_value_that_looks_like_an_option_is_never_read_as_one() {
        assert_eq!(option("--name", "nightly"), "--name nightly");
        assert_eq!(option("--name", "-rf"), "--name=-rf");
        assert_eq!(option("--description", "- a b"), "--description='- a b'");
        assert_eq!(last_word("web-1"), "web-1");
        assert_eq!(last_word("--help"), "-- --help");
        assert_eq!(
            Cli::new("openstack volume snapshot create")
                .option("--volume", "v-1")
                .flag_if(true, "--force")
                .option_if("--description", Some("- a b"))
                .option_if("--property", None)
                .last("-snap"),
            "openstack volume snapshot create --volume v-1 --force --description='- a b' -- -snap"
        );
    }
}
