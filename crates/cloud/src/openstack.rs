//! The OpenStack client: Keystone v3, Nova, Glance v2 and Cinder v3 over JSON. Log in with
//! [`Cloud::login`]; the [`Session`] it returns reaches each service (`session.nova()`,
//! `.glance()`, `.cinder()`).

pub mod cinder;
pub mod glance;
pub mod keystone;
pub mod limits;
pub mod microversion;
pub mod neutron;
pub mod nova;
pub mod paging;
pub mod session;

pub use crate::{resource::Resource, transport::Proxy};
pub use keystone::{Credentials, ProjectScope};
pub use paging::{Page, Query};
pub use session::{Cloud, Session};

macro_rules! resource {
    ($type:ty, $name:ident => $get:expr) => {
        resource!($type, $name => $get, _r => false);
    };
    ($type:ty, $name:ident => $get:expr, $busy:ident => $in_progress:expr) => {
        impl Resource for $type {
            fn id(&self) -> &str {
                &self.id
            }
            fn name(&self) -> &str {
                let $name = self;
                $get
            }
            fn status(&self) -> &str {
                &self.status
            }
            fn in_progress(&self) -> bool {
                let $busy = self;
                $in_progress
            }
        }
    };
}

resource!(nova::Server, s => &s.name, s => s.task_state.is_some());
resource!(glance::Image, i => i.name.as_deref().unwrap_or_default());
resource!(cinder::Volume, v => v.name.as_deref().unwrap_or_default());
resource!(cinder::Snapshot, s => s.name.as_deref().unwrap_or_default());
resource!(cinder::Backup, b => b.name.as_deref().unwrap_or_default());
