//! The OpenStack client: Keystone v3, Nova, Glance v2 and Cinder v3 over JSON. Log in with
//! [`Cloud::login`]; the [`Session`] it returns reaches each service (`session.nova()`,
//! `.glance()`, `.cinder()`).

pub mod cinder;
pub mod glance;
pub mod keystone;
pub mod microversion;
pub mod nova;
pub mod paging;
pub mod session;

pub use keystone::{Credentials, ProjectScope};
pub use paging::{Page, Query};
pub use session::{Cloud, Proxy, Session};
