internal import GRDB
import Foundation

/// The SQLite history's tables, as named migrations applied in order when a store opens.
enum SQLiteSchema {
    /// Every migration, oldest first. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    drill TEXT NOT NULL,
                    title TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    team TEXT NOT NULL,                 -- '' when the log names no team
                    started TEXT,                       -- the log's 'started', as written
                    run_date TEXT NOT NULL,             -- when it was recorded, ISO 8601 UTC
                    end_seconds INTEGER NOT NULL,
                    score TEXT NOT NULL,                -- exact, as in the report: '87.5'
                    passed INTEGER NOT NULL,
                    time_to_acknowledge INTEGER,
                    time_to_detect INTEGER,
                    time_to_contain INTEGER,
                    time_to_eradicate INTEGER,
                    time_to_recover INTEGER,
                    time_to_learn INTEGER,
                    response_sla_met INTEGER NOT NULL,
                    resolution_sla_met INTEGER NOT NULL,
                    outcome_count INTEGER NOT NULL,     -- rows the run must have: a check that none is missing
                    violation_count INTEGER NOT NULL,
                    finding_count INTEGER NOT NULL,
                    story_count INTEGER NOT NULL,
                    report_json TEXT NOT NULL
                );
                CREATE INDEX runs_by_drill_and_team ON runs (drill, team);
                CREATE TABLE run_outcomes (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    title TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    status TEXT NOT NULL,
                    deadline INTEGER,
                    met_at INTEGER,
                    weight TEXT NOT NULL,
                    credit TEXT NOT NULL,
                    critical INTEGER NOT NULL,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE run_violations (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    violation TEXT NOT NULL,
                    title TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    penalty TEXT NOT NULL,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE run_findings (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    finding TEXT NOT NULL,
                    topic TEXT,
                    text TEXT,
                    PRIMARY KEY (run_id, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-backlog") { db in
            try db.execute(sql: """
                CREATE TABLE stories (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key TEXT NOT NULL,
                    team TEXT NOT NULL,
                    drill TEXT NOT NULL,
                    title TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    due TEXT NOT NULL,
                    source TEXT NOT NULL,
                    text TEXT,
                    status TEXT NOT NULL CHECK (status IN ('open', 'shipped', 'verified', 'reopened')),
                    occurrences INTEGER NOT NULL,
                    first_run_id INTEGER NOT NULL REFERENCES runs (id),
                    last_run_id INTEGER NOT NULL REFERENCES runs (id),
                    UNIQUE (key, team)
                );
                CREATE INDEX stories_by_drill_and_team ON stories (drill, team, status);
                CREATE TABLE run_stories (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    story_id INTEGER NOT NULL REFERENCES stories (id),
                    position INTEGER NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('new', 'recurrence', 'regression')),
                    PRIMARY KEY (run_id, story_id)
                ) WITHOUT ROWID;
                CREATE INDEX run_stories_by_story ON run_stories (story_id);
                CREATE TABLE story_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    story_id INTEGER NOT NULL REFERENCES stories (id),
                    run_id INTEGER REFERENCES runs (id),
                    kind TEXT NOT NULL,
                    at TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX story_events_by_story ON story_events (story_id, id);
                """)
        }
        migrator.registerMigration("v3-postmortems") { db in
            try db.execute(sql: """
                CREATE TABLE postmortems (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    date TEXT NOT NULL,
                    severity TEXT,
                    team TEXT,
                    source TEXT NOT NULL,               -- the file it was imported from
                    markdown TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    impact TEXT NOT NULL,
                    root_cause TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    UNIQUE (title, date)
                );
                CREATE TABLE postmortem_timeline (
                    postmortem_id INTEGER NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    time TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (postmortem_id, position)
                ) WITHOUT ROWID;
                CREATE TABLE postmortem_notes (
                    postmortem_id INTEGER NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
                    section TEXT NOT NULL CHECK (section IN ('contributing_factor', 'went_well', 'went_poorly')),
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (postmortem_id, section, position)
                ) WITHOUT ROWID;
                CREATE TABLE postmortem_improvements (
                    postmortem_id INTEGER NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    due TEXT NOT NULL,
                    PRIMARY KEY (postmortem_id, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-search") { db in
            // One row per searchable thing: kind is run, finding, story or postmortem; ref its number or key;
            // tags hold ids, keys, owners and teams, which weigh less than words of the title and body.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE search_index USING fts5(
                    kind UNINDEXED, ref UNINDEXED, title, body, tags,
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                """)
        }
        migrator.registerMigration("v5-organisation") { db in
            // A content hash of every run (what `history push` keys runs by), how many team-filed stories each run
            // filed, and postmortems indexed under their own title (a hit says "postmortem #1: TITLE").
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
                ALTER TABLE runs ADD COLUMN team_story_count INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX runs_by_content_hash ON runs (content_hash);
                UPDATE search_index SET title = substr(title, 13), tags = trim('postmortem ' || tags)
                    WHERE kind = 'postmortem' AND title LIKE 'Postmortem: %';
                """)
            for row in try Row.fetchAll(db, sql: "SELECT id, drill, team, started, run_date, report_json FROM runs") {
                let hash = RunHash.of(drill: row["drill"], team: row["team"], started: row["started"], runDate: row["run_date"],
                                      reportJSON: row["report_json"])
                try db.execute(sql: "UPDATE runs SET content_hash = ? WHERE id = ?", arguments: [hash, row["id"] as Int64])
            }
        }
        return migrator
    }

    /// Applies the migrations this file lacks. Two processes opening a new file at once may race to apply the
    /// same migration: the loser's transaction fails once the winner's has committed, and it tries again for as
    /// long as the other process makes progress.
    static func migrate(_ queue: DatabaseQueue, path: String) throws {
        let migrator = migrator
        func applied() -> Set<String> { (try? queue.read { try migrator.appliedIdentifiers($0) }) ?? [] }
        var before = applied()
        while true {
            do {
                try migrator.migrate(queue)
                break
            } catch {
                let now = applied()
                if (try? queue.read({ try migrator.hasCompletedMigrations($0) })) == true { break }
                guard now.count > before.count else { throw error }
                before = now
            }
        }
        if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StoreError.incompatible(path: path, message: "this history was written by a newer gameday (it has migrations this one does not know)")
        }
    }
}
