pub mod keys;
pub mod profiles;
