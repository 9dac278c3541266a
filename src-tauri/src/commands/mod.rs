pub mod app;
pub mod audit;
pub mod clipboard;
pub mod export;
pub mod keys;
pub mod profiles;
pub mod rotation;
pub mod settings;
