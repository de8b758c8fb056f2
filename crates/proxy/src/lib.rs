//! nubo's server: it serves the built app (`dist/`) and `config.json`, and is the CORS proxy the
//! app sends every cloud request through. It keeps no session state, so replicas are
//! interchangeable.

pub mod config;
pub mod forward;
pub mod guard;
pub mod policy;
pub mod resolver;
pub mod router;
pub mod security_headers;
pub mod static_files;
pub mod upstream_client;
pub mod workers;
