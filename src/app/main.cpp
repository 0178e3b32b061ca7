// The coopole command line: serve, migrate, demo, user add, import/export members, backup.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <iterator>

#include "application.h"
#include "coopole/hubs/hubs.h"
#include "coopole/identity/identity.h"
#include "coopole/members/members.h"
#include "coopole/tabular/tabular.h"
#include "demo.h"

namespace {

using namespace coopole;

// Actor for command-line work: the installation itself, recorded as such in the audit log.
identity::Actor CliActor() {
  return identity::Actor{.user = identity::UserId{0}, .name = "cli", .is_admin = true, .request_id = "cli"};
}

int Fail(const std::string& message) {
  std::cerr << "coopole: " << message << "\n";
  return 1;
}

std::string Describe(const Error& e) {
  std::string out = e.message;
  for (const auto& [field, key] : e.fields) out += "\n  " + field + ": " + key;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"coopole: software for territorial economic cooperation hubs (PTCE)"};
  cli.set_version_flag("--version", std::string("coopole ") + COOPOLE_VERSION);
  cli.require_subcommand(1);
  cli.fallthrough();
  std::string config_path, db_url, listen;
  cli.add_option("--config", config_path, "TOML configuration file");
  cli.add_option("--db", db_url, "database URL: sqlite:PATH or postgresql://...");

  auto* serve = cli.add_subcommand("serve", "serve the web interface and the API");
  serve->add_option("--listen", listen, "host:port (default 127.0.0.1:8080)");
  auto* migrate = cli.add_subcommand("migrate", "create or upgrade the database schema");
  auto* demo = cli.add_subcommand("demo", "load the demo hub");
  bool if_empty = false;
  demo->add_flag("--if-empty", if_empty, "only when the installation has no hub yet");

  auto* user = cli.add_subcommand("user", "manage users")->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create a user; the password is read from standard input");
  std::string email, name, role, hub_slug;
  bool admin = false;
  user_add->add_option("--email", email)->required();
  user_add->add_option("--name", name)->required();
  user_add->add_option("--role", role, "coordinator, member or observer (with --hub)");
  user_add->add_option("--hub", hub_slug, "hub slug for the role");
  std::int64_t member_id = 0;
  user_add->add_option("--member", member_id, "member organisation id (role member)");
  user_add->add_flag("--admin", admin, "installation administrator");

  auto* hub_cmd = cli.add_subcommand("hub", "manage hubs")->require_subcommand(1);
  auto* hub_add = hub_cmd->add_subcommand("add", "create a hub");
  std::string hub_name, territory;
  hub_add->add_option("--slug", hub_slug)->required();
  hub_add->add_option("--name", hub_name)->required();
  hub_add->add_option("--territory", territory);

  auto* token_cmd = cli.add_subcommand("token", "manage API tokens")->require_subcommand(1);
  auto* token_add = token_cmd->add_subcommand("add", "create an API token for a user; prints it once");
  std::string token_name;
  token_add->add_option("--email", email)->required();
  token_add->add_option("--name", token_name)->required();

  auto* import_cmd = cli.add_subcommand("import", "import data")->require_subcommand(1);
  auto* import_members = import_cmd->add_subcommand("members", "import members from a CSV file");
  std::string file;
  bool dry_run = false;
  import_members->add_option("FILE", file)->required();
  import_members->add_option("--hub", hub_slug)->required();
  import_members->add_flag("--dry-run", dry_run, "validate only, write nothing");

  auto* export_cmd = cli.add_subcommand("export", "export data")->require_subcommand(1);
  auto* export_members = export_cmd->add_subcommand("members", "export the member directory to standard output");
  std::string format = "csv";
  export_members->add_option("--hub", hub_slug)->required();
  export_members->add_option("--format", format)->check(CLI::IsMember({"csv", "xlsx"}));

  auto* backup = cli.add_subcommand("backup", "consistent online copy of the SQLite database");
  std::string backup_file;
  backup->add_option("FILE", backup_file)->required();

  CLI11_PARSE(cli, argc, argv);

  auto config = app::LoadConfig(config_path);
  if (!config.ok()) return Fail(Describe(config.error()));
  if (!db_url.empty()) config->database = db_url;
  if (!listen.empty()) config->listen = listen;
  spdlog::set_level(spdlog::level::from_str(config->log_level));

  try {
    if (*backup) {
      db::BackupSqlite(config->database, backup_file);
      std::cout << "backup written to " << backup_file << "\n";
      return 0;
    }
    app::Application application(*config);
    application.Migrate();
    if (*migrate) {
      std::cout << "database " << config->database << " is up to date\n";
      return 0;
    }
    if (*serve) return app::Serve(application);
    if (*demo) {
      if (if_empty && !app::IsEmpty(application)) {
        std::cout << "the installation already has hubs: demo not loaded\n";
        return 0;
      }
      auto login = app::LoadDemo(application);
      std::cout << "demo hub loaded: sign in as " << login.email << " with the password " << login.password << "\n";
      return 0;
    }
    if (*user_add) {
      std::string password;
      std::getline(std::cin, password);
      auto created = application.identity().CreateUser({.email = email, .name = name, .password = password, .is_admin = admin});
      if (!created.ok()) return Fail(Describe(created.error()));
      if (!role.empty()) {
        auto parsed = identity::ParseRole(role);
        if (!parsed) return Fail("unknown role " + role);
        auto hub = application.hubs().FindBySlug(hub_slug);
        if (!hub) return Fail("unknown hub " + hub_slug);
        std::optional<identity::MemberId> member;
        if (member_id > 0) member = identity::MemberId{member_id};
        auto granted = application.identity().GrantRole(created->id, hub->id, *parsed, member);
        if (!granted.ok()) return Fail(Describe(granted.error()));
      }
      std::cout << "user " << created->email << " created (id " << created->id.value << ")\n";
      return 0;
    }
    auto actor = CliActor();
    if (*hub_add) {
      auto hub = application.hubs().CreateHub(actor, {.slug = hub_slug, .name = hub_name, .territory = territory});
      if (!hub.ok()) return Fail(Describe(hub.error()));
      std::cout << "hub " << hub->slug << " created\n";
      return 0;
    }
    if (*token_add) {
      auto user = application.identity().FindUserByEmail(email);
      if (!user.ok()) return Fail("unknown user " + email);
      auto token = application.identity().CreateApiToken(user->id, token_name);
      if (!token.ok()) return Fail(Describe(token.error()));
      std::cout << *token << "\n";
      return 0;
    }
    auto hub = application.hubs().Resolve(actor, hub_slug);
    if (!hub.ok()) return Fail("unknown hub " + hub_slug);
    if (*import_members) {
      std::ifstream in(file, std::ios::binary);
      if (!in) return Fail("cannot read " + file);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto table = tabular::ReadCsv(bytes);
      if (!table.ok()) return Fail(Describe(table.error()));
      auto report = application.members().ImportMembers(actor, *hub, *table,
                                                        dry_run ? members::ImportMode::kDryRun : members::ImportMode::kApply);
      if (!report.ok()) return Fail(Describe(report.error()));
      std::cout << report->rows << " rows: " << report->created << " to create, " << report->updated << " to update"
                << (report->applied ? " (written)" : " (nothing written)") << "\n";
      for (const auto& issue : report->issues) {
        std::cout << "line " << issue.line << ", column " << issue.column << ": " << issue.message << " ("
                  << issue.value << ")\n";
      }
      return report->issues.empty() ? 0 : 2;
    }
    if (*export_members) {
      auto table = application.members().ExportMembers(actor, *hub, members::MemberQuery{});
      if (!table.ok()) return Fail(Describe(table.error()));
      if (format == "csv") {
        std::cout << tabular::WriteCsv(*table);
      } else {
        tabular::Sheet sheet{"Membres", table->header, {}, table->rows};
        std::cout << tabular::WriteXlsx({sheet});
      }
      return 0;
    }
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
  return 0;
}
