use std::process::ExitCode;

use mock_server::cli;

#[tokio::main]
async fn main() -> ExitCode {
    let options = match cli::parse(std::env::args_os()) {
        Ok(options) => options,
        // Help on stdout with 0, a mistake on stderr with 2.
        Err(error) => error.exit(),
    };
    let app = match mock_server::try_app(options.config) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("mock-server: {error}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(options.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("mock-server: cannot listen on {}: {error}", options.addr);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(options.addr);
    // The only line the mock ever prints: requests, and above all their bodies (the key value), are never logged.
    println!("mock-server listening on http://{addr}");
    tokio::select! {
        () = mock_server::serve(listener, app, options.connections) => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    ExitCode::SUCCESS
}
