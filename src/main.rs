//! ycdash binary: parse arguments, pick the backend, run.

use std::process::ExitCode;

use ycdash::{
    api::{Cloud, PowerAction},
    cli::{
        AuthCommand, Cli, ClientArgs, ClientCommand, Command, Connection, InstancesCommand,
        OperationCommand,
    },
    cli_client,
    cli_nic::{NatCommand, NicCommand},
    commands::{self, CommandError, Sender, Session, lifecycle, resume::Resume},
    safe_text::visible_lines,
};

/// Prints command output (tables, JSON, status lines) with no raw control character.
fn emit(text: &str) {
    print!("{}", visible_lines(text));
}

/// Prints progress lines (operation states, the request, the interfaces table) safely.
fn emit_line(line: &str) {
    println!("{}", visible_lines(line));
}

/// Writes generated text (a completion script, a manual page); a closed pipe (`| head`) ends
/// the command quietly.
fn write_stdout(bytes: &[u8]) -> Result<(), CommandError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CommandError::Output(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    let cli = cli_client::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("ycdash: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ CommandError::Invalid(_)) => {
            // One "<api field>: <rule>" line per field, as the form shows them.
            eprintln!("{}", e.visible_text());
            ExitCode::from(e.exit_code())
        }
        Err(e) => {
            // Errors quote servers and users: control characters made visible.
            eprintln!("ycdash: {}", e.visible_text());
            ExitCode::from(e.exit_code())
        }
    }
}

/// A changing command's sender: the session's client, resume commands with the flags of
/// `connection`, printing with `emit_line`.
fn sender<'a>(session: &'a Session, connection: &Connection) -> Sender<'a> {
    Sender {
        cloud: &session.cloud,
        resume: Resume::new(connection),
        out: Box::new(emit_line),
    }
}

async fn run(cli: Cli) -> Result<(), CommandError> {
    let level = cli.log.log_level.as_deref();
    match &cli.command {
        None => {
            // The terminal belongs to the dashboard: logs go to a file or nowhere.
            if let Some(dir) = ycdash::config::state_dir() {
                let _ = ycdash::logging::to_file(&dir, level);
            }
        }
        Some(_) => ycdash::logging::to_stderr(level),
    }
    match cli.command {
        None => commands::dashboard::run(&cli.connection, &cli.dashboard).await,
        Some(Command::Emulator(args)) => commands::emulator::serve(&args).await,
        Some(Command::Completions { shell }) => write_stdout(&commands::docs::completions(shell)),
        Some(Command::Man { dir: Some(dir) }) => commands::docs::write_man_pages(&dir),
        Some(Command::Man { dir: None }) => write_stdout(&commands::docs::man_page()?),
        Some(Command::Instances(c)) => {
            let session = commands::connect(&c.connection).await?;
            instances(&session, c.command, &c.connection).await
        }
        Some(Command::Operation(c)) => {
            let session = commands::connect(&c.connection).await?;
            operation(&session.cloud, c.command, &Resume::new(&c.connection)).await
        }
        Some(Command::Attach(ClientArgs { connection, args })) => {
            let session = commands::connect(&connection).await?;
            commands::attach::attach(&mut sender(&session, &connection), &args).await
        }
        Some(Command::Detach(ClientArgs { connection, args })) => {
            let session = commands::connect(&connection).await?;
            commands::attach::detach(&mut sender(&session, &connection), &args).await
        }
        Some(Command::Nic(ClientCommand {
            connection,
            command: NicCommand::Update(args),
        })) => {
            let session = commands::connect(&connection).await?;
            commands::nic_change::update(&mut sender(&session, &connection), &args).await
        }
        Some(Command::Nat(ClientCommand {
            connection,
            command: cmd,
        })) => {
            let session = commands::connect(&connection).await?;
            let to = &mut sender(&session, &connection);
            match cmd {
                NatCommand::Add(args) => commands::nic_change::add_nat(to, &args).await,
                NatCommand::Remove(args) => commands::nic_change::remove_nat(to, &args).await,
            }
        }
        Some(Command::Serial(ClientArgs { connection, args })) => {
            let session = commands::connect(&connection).await?;
            let interval = ycdash::serial_log::FOLLOW_INTERVAL;
            // A closed pipe (`| head`) ends the command instead of panicking in print!.
            commands::serial::serial(&session.cloud, &args, interval, |text| {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                match stdout
                    .write_all(text.as_bytes())
                    .and_then(|()| stdout.flush())
                {
                    Ok(()) => std::ops::ControlFlow::Continue(()),
                    Err(_) => std::ops::ControlFlow::Break(()),
                }
            })
            .await
        }
        Some(Command::Auth(ClientCommand {
            connection,
            command: AuthCommand::Status,
        })) => {
            let session = commands::connect(&connection).await?;
            emit(&commands::auth::status(&session).await?);
            Ok(())
        }
    }
}

/// `ycdash instances ...`.
async fn instances(
    session: &Session,
    cmd: InstancesCommand,
    connection: &Connection,
) -> Result<(), CommandError> {
    let cloud = &session.cloud;
    let mut to = sender(session, connection);
    match cmd {
        InstancesCommand::List { filter, format } => {
            let folder = commands::resolve_folder(cloud, session.folder.as_deref()).await?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            commands::instances::write_list(cloud, &folder, filter.as_deref(), format, &mut out)
                .await?;
        }
        InstancesCommand::Get { id, format } => {
            let instance = cloud.get_instance(&id).await?;
            emit(&commands::instances::format_one(&instance, format));
        }
        InstancesCommand::Stop(args) => lifecycle::run(&mut to, PowerAction::Stop, &args).await?,
        InstancesCommand::Start(args) => lifecycle::run(&mut to, PowerAction::Start, &args).await?,
        InstancesCommand::Restart(args) => {
            lifecycle::run(&mut to, PowerAction::Restart, &args).await?
        }
    }
    Ok(())
}

/// `ycdash operation ...`.
async fn operation(
    cloud: &Cloud,
    cmd: OperationCommand,
    resume: &Resume,
) -> Result<(), CommandError> {
    match cmd {
        OperationCommand::Get { id } => emit(&commands::operation::get(cloud, &id).await?),
        OperationCommand::Wait { id } => {
            commands::operation::wait_command(cloud, &id, resume, emit_line).await?;
        }
    }
    Ok(())
}
