//! nginx (Debian's package) as a load balancer on loopback: round robin over the given app servers,
//! naming the server that answered each request in an `X-Upstream` header.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

pub struct Nginx {
    child: Child,
    pub address: String,
    _dir: tempfile::TempDir,
}

impl Nginx {
    /// Starts nginx on `port` in front of `upstreams` (`http://host:port` each).
    pub async fn start_on(port: u16, upstreams: &[&str]) -> anyhow::Result<Nginx> {
        let binary = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists())
            .context("nginx is not installed (make test installs Debian's package)")?;
        let dir = tempfile::tempdir()?;
        // Workers may run as another user: let them use the temporary files' folder.
        std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o777))?;
        let servers: String = upstreams
            .iter()
            .map(|u| format!("server {};", u.trim_start_matches("http://")))
            .collect::<Vec<_>>()
            .join(" ");
        let path = dir.path().display();
        let config = format!(
            "worker_processes 1; pid {path}/nginx.pid; error_log {path}/error.log; daemon off;
             events {{ worker_connections 512; }}
             http {{
               access_log off;
               client_body_temp_path {path}/body; proxy_temp_path {path}/proxy; fastcgi_temp_path {path}/fastcgi;
               uwsgi_temp_path {path}/uwsgi; scgi_temp_path {path}/scgi;
               upstream casebook {{ {servers} keepalive 16; }}
               server {{
                 listen 127.0.0.1:{port};
                 location / {{
                   proxy_pass http://casebook;
                   proxy_http_version 1.1;
                   proxy_set_header Connection \"\";
                   proxy_set_header Host $http_host;
                   proxy_set_header X-Forwarded-For $remote_addr;
                   add_header X-Upstream $upstream_addr always;
                 }}
               }}
             }}"
        );
        let file = dir.path().join("nginx.conf");
        std::fs::write(&file, config)?;
        let child = Command::new(binary)
            .args([
                "-p",
                &path.to_string(),
                "-e",
                &format!("{path}/error.log"),
                "-c",
                &file.display().to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting nginx")?;
        let nginx = Nginx { child, address: format!("http://127.0.0.1:{port}"), _dir: dir };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Ok(nginx);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("nginx did not start listening")
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
