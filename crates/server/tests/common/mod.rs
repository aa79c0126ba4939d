#![allow(dead_code)]
pub mod app;
pub mod cases;
pub mod db;
pub mod desks;
pub mod process;
pub mod shoppers;
pub mod taps;
