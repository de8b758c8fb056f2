//! nubo's cloud side: the clients for OpenStack and AWS and the types the app and the proxy share.
//! Nothing here knows about the UI, so all of it is tested natively.

pub mod aws;
pub mod config;
pub mod error;
pub mod openstack;
pub mod resource;
pub mod transport;

pub use error::{CloudError, ErrorKind, Service};
pub use resource::Resource;
