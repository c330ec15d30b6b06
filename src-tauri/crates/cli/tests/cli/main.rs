//! The cli crate's integration tests, one binary, one module per part of src/.

mod common;
mod commands;
mod crypt;
mod network;
mod personal;
mod serve;
mod share;
mod sync;
mod update;
