//! The command line: `server` serves the site; `server import <file> [--publish]` and
//! `server export <slug> [--version <n>]` move module files in and out of the database named by
//! `DATABASE_URL`; `server backup <file>` and `server restore <file>` copy it out and back.

use std::path::PathBuf;

use anyhow::{Context, bail};

use app::domain::curriculum::module::VersionStatus;
use app::ssr::clock::Clock;
use app::ssr::curriculum::{ImportError, export_module_file, import_module_file};
use app::ssr::db::Db;
use app::ssr::generate::Plan;

use crate::config::Settings;

/// What the command line asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    Import { file: PathBuf, publish: bool },
    Export { slug: String, version: Option<i64> },
    Generate(Plan),
    Backup { file: PathBuf },
    Restore { file: PathBuf },
}

pub const USAGE: &str = "usage:
  server                                   serve Casebook (see README for the settings)
  server import <file.toml> [--publish]    import a module file as a new draft (or published) version
  server export <slug> [--version <n>]     print a module version (the latest by default) as a module file
  server generate <responses> [--seed <n>] [--regions <n>] [--practices <n per region>]
                                           fill an empty database with a synthetic population for benchmarks
  server backup <file>                     copy the whole database to a new file, while it serves
  server restore <file>                    put a backup into the empty database DATABASE_URL names";

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> anyhow::Result<Command> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => Ok(Command::Serve),
        ["import", file] => Ok(Command::Import { file: PathBuf::from(file), publish: false }),
        ["import", file, "--publish"] | ["import", "--publish", file] => {
            Ok(Command::Import { file: PathBuf::from(file), publish: true })
        }
        ["export", slug] => Ok(Command::Export { slug: (*slug).to_owned(), version: None }),
        ["export", slug, "--version", number] => {
            let version =
                number.parse().with_context(|| format!("--version needs a number, not {number:?}"))?;
            Ok(Command::Export { slug: (*slug).to_owned(), version: Some(version) })
        }
        ["generate", responses, options @ ..] => generate_plan(responses, options),
        ["backup", file] => Ok(Command::Backup { file: PathBuf::from(file) }),
        ["restore", file] => Ok(Command::Restore { file: PathBuf::from(file) }),
        _ => bail!("{USAGE}"),
    }
}

/// `generate <responses>` and its options: 10 regions of 30 practices and seed 1 unless told.
fn generate_plan(responses: &str, options: &[&str]) -> anyhow::Result<Command> {
    let number = |raw: &str| raw.replace('_', "").parse::<i64>().ok().filter(|n| *n > 0);
    let mut plan = Plan { responses: 0, seed: 1, regions: 10, practices_per_region: 30 };
    plan.responses =
        number(responses).with_context(|| format!("the number of responses, not {responses:?}"))?;
    for pair in options.chunks(2) {
        let [name, value] = pair else { bail!("{USAGE}") };
        let value =
            number(value).with_context(|| format!("{name} needs a positive number, not {value:?}"))?;
        match *name {
            "--seed" => plan.seed = value,
            "--regions" => plan.regions = value,
            "--practices" => plan.practices_per_region = value.min(999),
            _ => bail!("{USAGE}"),
        }
    }
    Ok(Command::Generate(plan))
}

/// Fills the database with a generated population, printing progress and what it made.
pub async fn generate(settings: &Settings, plan: Plan) -> anyhow::Result<()> {
    let db = database(settings).await?;
    let hasher = app::ssr::auth::password::PasswordHasher::new(1).map_err(|e| anyhow::anyhow!("{e}"))?;
    let hash = app::ssr::demo::demo_password_hash(&hasher).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let started = std::time::Instant::now();
    let progress =
        |responses: i64| eprint!("\r{responses} responses, {:.0} s", started.elapsed().as_secs_f64());
    let made = app::ssr::generate::generate(&db, plan, &hash, Clock::default().now_ms(), progress)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!();
    println!(
        "Generated {} regions, {} practices, {} learners, {} attempts and {} responses in {:.1} s \
         (seed {}; every account's password is the demo password).",
        made.regions.len(),
        made.practices,
        made.learners,
        made.attempts,
        made.responses,
        started.elapsed().as_secs_f64(),
        plan.seed
    );
    Ok(())
}

async fn database(settings: &Settings) -> anyhow::Result<Db> {
    let db =
        Db::connect(&settings.database_url, 2).await.context("opening the database named by DATABASE_URL")?;
    db.migrate().await.context("applying database migrations")?;
    Ok(db)
}

/// Imports a module file, printing what happened or every problem with its line.
pub async fn import(settings: &Settings, file: &PathBuf, publish: bool) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let db = database(settings).await?;
    let status = if publish { VersionStatus::Published } else { VersionStatus::Draft };
    match import_module_file(&db, &text, status, None, None, Clock::default().now_ms()).await {
        Ok(imported) => {
            println!(
                "Imported {} ('{}') as version {}, {}.",
                imported.slug,
                imported.title,
                imported.number,
                imported.status.label().to_lowercase()
            );
            for warning in &imported.warnings {
                println!("warning: {}", warning.message);
            }
            Ok(())
        }
        Err(ImportError::File(problems)) => {
            for problem in &problems {
                eprintln!("{}:{}", file.display(), problem);
            }
            bail!("{} not imported: {} problem(s)", file.display(), problems.len())
        }
        Err(ImportError::Failed(error)) => bail!("{} not imported: {error}", file.display()),
    }
}

/// Prints a module version as a module file.
pub async fn export(settings: &Settings, slug: &str, version: Option<i64>) -> anyhow::Result<()> {
    let db = database(settings).await?;
    let text = export_module_file(&db, slug, version).await.map_err(|e| match e {
        app::error::AppError::NotFound => anyhow::anyhow!(
            "no module {slug:?}{}",
            version.map(|n| format!(" version {n}")).unwrap_or_default()
        ),
        other => anyhow::anyhow!("{other}"),
    })?;
    print!("{text}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn commands_are_read_from_the_arguments() -> anyhow::Result<()> {
        assert_eq!(parse(&args(&[]))?, Command::Serve);
        assert_eq!(
            parse(&args(&["import", "m.toml"]))?,
            Command::Import { file: "m.toml".into(), publish: false }
        );
        assert_eq!(
            parse(&args(&["import", "m.toml", "--publish"]))?,
            Command::Import { file: "m.toml".into(), publish: true }
        );
        assert_eq!(parse(&args(&["export", "jim"]))?, Command::Export { slug: "jim".into(), version: None });
        assert_eq!(
            parse(&args(&["export", "jim", "--version", "2"]))?,
            Command::Export { slug: "jim".into(), version: Some(2) }
        );
        assert_eq!(parse(&args(&["backup", "b.db"]))?, Command::Backup { file: "b.db".into() });
        assert_eq!(parse(&args(&["restore", "b.db"]))?, Command::Restore { file: "b.db".into() });
        Ok(())
    }

    #[test]
    fn generate_reads_its_size_and_options() -> anyhow::Result<()> {
        assert_eq!(
            parse(&args(&["generate", "1_000_000", "--seed", "7"]))?,
            Command::Generate(Plan { responses: 1_000_000, seed: 7, regions: 10, practices_per_region: 30 })
        );
        Ok(())
    }

    #[test]
    fn anything_else_gets_the_usage() {
        for bad in [
            &["serve", "now"][..],
            &["import"],
            &["export", "jim", "--version", "two"],
            &["delete", "jim"],
            &["generate"],
            &["generate", "-5"],
            &["generate", "10", "--seed"],
            &["generate", "10", "--colour", "red"],
            &["backup"],
            &["restore", "a", "b"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
