//! The store crate's integration tests, one binary, one module per part of src/.

mod apply;
mod common;
mod crypt;
mod library;
mod open;
mod personal;
mod schema;
mod search;
mod user;
