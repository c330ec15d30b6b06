//! The feed crate's integration tests, one binary, one module per part of src/.

mod manifest;
mod publish;
