#[allow(dead_code)] pub mod db;
