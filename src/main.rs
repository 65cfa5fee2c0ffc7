use clap::{CommandFactory, Parser};

use listen::cli::{Cli, Command};
use listen::exit_codes::ExitCode;

fn main() {
    let mut cli = Cli::parse();
    if let Err(e) = cli.load_config() {
        eprintln!("listen: {e}");
        std::process::exit(ExitCode::Usage.into());
    }
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("listen: {e:#}");
            ExitCode::Usage
        }
    };
    std::process::exit(code.into());
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "listen", &mut std::io::stdout());
            Ok(ExitCode::Success)
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::Success)
        }
        Some(Command::Voices(args)) => {
            Ok(runtime()?.block_on(listen::commands::voices::run(&args)))
        }
        Some(Command::Export(args)) => Ok(listen::export::run(&args)),
        Some(Command::RenderWorker) => Ok(listen::export::worker::serve()),
        Some(Command::Sentences(args)) => Ok(listen::commands::sentences::run(&args)),
        Some(Command::Text(args)) => Ok(runtime()?.block_on(listen::commands::text::run(&args))),
        None => Ok(runtime()?.block_on(listen::player::run(&cli.read))),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}
