//! The sync crate's integration tests, one binary, one module per part of src/.

mod common;
mod address;
mod attachments;
mod bundle;
mod corpus;
mod http;
mod library;
mod real_world;
mod run;
mod sandbox;
mod schedule;
