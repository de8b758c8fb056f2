//! What the resources of every cloud have in common.

/// What every listed resource has: pages show these, row actions check `status` against the
/// states they are allowed in, and pollers follow it.
pub trait Resource {
    fn id(&self) -> &str;
    /// The name, or "" for resources without one.
    fn name(&self) -> &str;
    fn status(&self) -> &str;
    /// Whether the cloud is working on it whatever its status says (Nova's task state).
    fn in_progress(&self) -> bool {
        false
    }
}
