use axum::http::HeaderValue;
use axum::response::Response;
use rand::RngCore;

pub(crate) async fn add_request_id(mut response: Response) -> Response {
    let mut bytes = [0u8; 8];
    rand::thread_rng().fill_bytes(&mut bytes);
    let id = format!("req_{}", hex::encode(bytes));
    let value = HeaderValue::from_str(&id).expect("hex is a valid header value");
    response.headers_mut().insert("x-request-id", value);
    response
}
