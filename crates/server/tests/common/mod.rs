#![allow(dead_code)]
pub mod app;
pub mod db;
pub mod desks;
pub mod process;
