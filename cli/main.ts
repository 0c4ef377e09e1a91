import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { type IsoDate, isIsoDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { databaseFromEnv, mailFromEnv } from '../server/config';
import { systemClock } from '../server/core/clock';
import { type Services, systemActor } from '../server/core/context';
import { type Database, openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { upkeepAll } from '../server/db/upkeep';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from '../server/demo/seed';
import { mailerFor, runReminders } from '../server/followup/reminders';
import { exportOrg } from '../server/org/export';
import { importOrg } from '../server/org/import';
import { unitsOn } from '../server/org/queries';
import { createUnit, listUnits, today } from '../server/org/service';
import { exportReport } from '../server/reports/exports';
import { REPORT_FORMATS, type ReportFormat } from '../server/reports/render';
import { exportValues, importValues } from '../server/steering/values-workbook';
import { createUser, grantRole, listUsers, updateUser } from '../server/users/service';
import { VERIFIERS } from './verifiers';

/** Opens the database the server would (DATABASE_URL or DATA_DIR), migrated, for one command. */
async function withServices<T>(work: (services: Services, db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseFromEnv(process.env));
  try {
    const applied = await migrate(db.db, systemClock.now());
    if (applied.length > 0) console.error(`Migrerade: ${applied.join(', ')}`);
    return await work({ db: db.db, dbKind: db.kind, clock: systemClock }, db);
  } finally {
    await db.close();
  }
}

function dateOption(value: string): IsoDate {
  if (!isIsoDate(value)) throw new DomainError('bad_request', `"${value}" är inget datum ÅÅÅÅ-MM-DD.`);
  return value;
}

async function readPassword(): Promise<string> {
  if (process.env.RODTRAD_ADMIN_PASSWORD) return process.env.RODTRAD_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    process.stderr.write('Lösenord: ');
    // Do not echo what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  }
  const line: string = await new Promise((done) => rl.once('line', done).once('close', () => done('')));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line.trim();
}

/** The password given, or read; refused unless it has at least 10 characters. */
async function newPassword(given: string | undefined): Promise<string> {
  const password = given ?? (await readPassword());
  if (password.length < 10)
    throw new DomainError('bad_request', 'Lösenordet måste ha minst 10 tecken.', {
      fields: [{ field: 'password', message: 'minst 10 tecken' }],
    });
  return password;
}

const program = new Command()
  .name('rodtrad')
  .description('Röd tråd – administrationskommandon. Databasen väljs som för servern: DATABASE_URL eller DATA_DIR.')
  .showHelpAfterError();

program
  .command('migrate')
  .description('kör databasmigreringar som inte körts')
  .action(async () => {
    await withServices(async () => console.log('Databasen är uppdaterad.'));
  });

program
  .command('seed-demo')
  .description('läs in demoregionen Region Exempel i en tom databas')
  .action(async () => {
    await withServices(async (services) => {
      if (!(await isEmpty(services)))
        throw new DomainError('conflict', 'Databasen är inte tom; demoregionen läses bara in i en tom databas.');
      await seedDemo(services);
      console.log(`Region Exempel är inläst. Demokonton (lösenord "${DEMO_PASSWORD}"):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(14)} ${a.description}`);
    });
  });

program
  .command('create-admin')
  .description(
    'skapa en administratör för hela organisationen (lösenord: --password, RODTRAD_ADMIN_PASSWORD eller standard in)',
  )
  .requiredOption('--username <username>', 'användarnamn')
  .requiredOption('--name <name>', 'visningsnamn')
  .option('--password <password>', 'lösenord (minst 10 tecken)')
  .option('--org-name <name>', 'namn på organisationens toppenhet, om trädet är tomt')
  .action(async (opts: { username: string; name: string; password?: string; orgName?: string }) => {
    const password = await newPassword(opts.password);
    await withServices(async (services) => {
      const actor = systemActor('cli');
      let roots = (await listUnits(services, actor)).filter((u) => u.parentId === null);
      if (roots.length === 0) {
        if (!opts.orgName)
          throw new DomainError(
            'unprocessable',
            'Organisationsträdet är tomt. Ange --org-name för att skapa toppenheten.',
          );
        roots = [
          await createUnit(services, actor, {
            parentId: null,
            name: opts.orgName,
            level: 'region',
            code: null,
            managerName: null,
            validFrom: today(services),
          }),
        ];
      }
      const user = await createUser(services, actor, {
        username: opts.username,
        displayName: opts.name,
        email: null,
        password,
      });
      for (const root of roots)
        await grantRole(services, actor, { userId: user.id, role: 'administrator', unitId: root.id });
      console.log(`Administratören ${user.username} är skapad.`);
    });
  });

program
  .command('set-password')
  .description(
    'sätt ett nytt lösenord för ett befintligt konto och avsluta alla dess sessioner (lösenord: --password, RODTRAD_ADMIN_PASSWORD eller standard in)',
  )
  .requiredOption('--username <username>', 'användarnamn')
  .option('--password <password>', 'lösenord (minst 10 tecken)')
  .action(async (opts: { username: string; password?: string }) => {
    const password = await newPassword(opts.password);
    await withServices(async (services) => {
      const actor = systemActor('cli');
      const username = opts.username.trim().toLowerCase();
      const user = (await listUsers(services, actor)).find((u) => u.username === username);
      if (!user) throw new DomainError('not_found', `Det finns inget konto ${username}.`);
      // The same path as the users API: the password and the end of every session in one write.
      await updateUser(services, actor, user.id, { version: user.version, password });
      console.log(`Lösenordet för ${username} är satt; kontots sessioner är avslutade.`);
    });
  });

program
  .command('export-org')
  .description('exportera organisationsträdet till en Excel-fil')
  .argument('<file>', 'xlsx-fil att skriva')
  .addOption(new Option('--as-of <date>', 'trädet som det var detta datum (ÅÅÅÅ-MM-DD)').argParser(dateOption))
  .action(async (file: string, opts: { asOf?: IsoDate }) => {
    await withServices(async (services) => {
      const data = await exportOrg(services, systemActor('cli'), opts.asOf);
      writeFileSync(resolve(file), data);
      console.log(`Skrev ${file}.`);
    });
  });

program
  .command('import-org')
  .description(
    'importera enheter från en Excel-fil (kolumner som i export-org); alla fel rapporteras och inget skrivs om någon rad är fel',
  )
  .argument('<file>', 'xlsx-fil att läsa')
  .addOption(
    new Option('--effective-from <date>', 'ändringarna gäller från (ÅÅÅÅ-MM-DD; standard i dag)').argParser(dateOption),
  )
  .option('--dry-run', 'kontrollera och räkna, men skriv inget')
  .action(async (file: string, opts: { effectiveFrom?: IsoDate; dryRun?: boolean }) => {
    const data = readFileSync(resolve(file));
    await withServices(async (services) => {
      const summary = await importOrg(services, systemActor('cli'), data, {
        effectiveFrom: opts.effectiveFrom ?? today(services),
        dryRun: opts.dryRun,
      });
      console.log(
        `${summary.dryRun ? 'Provkörning: skulle ha skapat' : 'Skapade'} ${summary.created}, ändrat ${summary.updated}, oförändrade ${summary.unchanged}.`,
      );
    });
  });

const monthOption = (text: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text))
    throw new DomainError('bad_request', `Ogiltig månad "${text}".`, {
      fields: [{ field: 'month', message: 'ska vara ÅÅÅÅ-MM' }],
    });
  return text;
};

program
  .command('export-values')
  .description('exportera inmatade utfall och prognoser till en Excel-fil (samma format som import-values läser)')
  .argument('<file>', 'xlsx-fil att skriva')
  .addOption(new Option('--from <month>', 'första månaden (ÅÅÅÅ-MM)').argParser(monthOption).makeOptionMandatory())
  .addOption(new Option('--to <month>', 'sista månaden (ÅÅÅÅ-MM)').argParser(monthOption).makeOptionMandatory())
  .option('--indicator <codes>', 'bara dessa indikatorer (koder, kommaseparerade)')
  .option('--unit <code>', 'bara denna enhet och enheterna under den (kostnadsställe)')
  .action(async (file: string, opts: { from: string; to: string; indicator?: string; unit?: string }) => {
    await withServices(async (services) => {
      const codes = opts.indicator?.split(',').map((c) => c.trim());
      const indicatorIds = codes
        ? (await services.db.selectFrom('indicators').select(['id', 'code']).execute())
            .filter((i) => i.code && codes.includes(i.code))
            .map((i) => i.id)
        : undefined;
      const unitId = opts.unit
        ? (await unitsOn(services.db, today(services))).find((u) => u.code === opts.unit)?.id
        : undefined;
      if (opts.unit && !unitId)
        throw new DomainError('unprocessable', `Okänd enhetskod ${opts.unit}.`, {
          fields: [{ field: 'unit', message: 'finns inte' }],
        });
      const data = await exportValues(services, systemActor('cli'), {
        indicatorIds,
        unitId,
        from: opts.from,
        to: opts.to,
      });
      writeFileSync(resolve(file), data);
      console.log(`Skrev ${file}.`);
    });
  });

program
  .command('import-values')
  .description(
    'läs in utfall och prognoser från en Excel-fil; alla fel rapporteras och inget skrivs om någon rad är fel',
  )
  .argument('<file>', 'xlsx-fil att läsa')
  .option('--dry-run', 'kontrollera och räkna, men skriv inget')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    const data = readFileSync(resolve(file));
    await withServices(async (services) => {
      const summary = await importValues(services, systemActor('cli'), data, {
        dryRun: opts.dryRun,
        onProgress: (done, total) => process.stderr.write(`\rLäser in ${done} av ${total} rader …`),
      });
      process.stderr.write('\n');
      console.log(
        `${summary.dryRun ? 'Provkörning: skulle ha skrivit' : 'Skrev'} ${summary.written} värden och tagit bort ${summary.removed} (${summary.rows} rader).`,
      );
    });
  });

program
  .command('send-reminders')
  .description(
    'skapa och skicka de påminnelser om årshjulets sista dagar som är aktuella i dag (varje påminnelse bara en gång)',
  )
  .action(async () => {
    await withServices(async (services) => {
      const mail = mailFromEnv(process.env);
      const { created, sent } = await runReminders(services, mail, mailerFor(mail));
      console.log(
        mail.smtpUrl
          ? `Skapade ${created} påminnelser, skickade ${sent} med e-post.`
          : `Skapade ${created} påminnelser; de ligger i utkorgen (SMTP_URL är inte satt).`,
      );
    });
  });

program
  .command('export-report')
  .description('exportera en rapport till PDF, Word eller Excel (en skickad rapport precis som den skickades)')
  .argument('<id>', 'rapportens id')
  .argument('<file>', 'fil att skriva')
  .addOption(new Option('--format <format>', 'pdf, docx eller xlsx').choices([...REPORT_FORMATS]).default('pdf'))
  .action(async (id: string, file: string, opts: { format: ReportFormat }) => {
    await withServices(async (services) => {
      const out = await exportReport(services, systemActor('cli'), id, opts.format, (fraction, step) =>
        process.stderr.write(`\r${Math.round(fraction * 100)} % ${step} …`.padEnd(60)),
      );
      process.stderr.write('\n');
      writeFileSync(resolve(file), out.body);
      console.log(`Skrev ${file} (${out.body.length} byte).`);
    });
  });

program
  .command('verify')
  .description(
    'kontrollera organisationen dag för dag, räkna om de sparade summeringarna ur de inmatade värdena och visa fel och skillnader; avslutar med fel om något finns',
  )
  .option('--repair', 'bygg om summeringarna där de skiljer sig (i en transaktion)')
  .action(async (opts: { repair?: boolean }) => {
    await withServices(async (services) => {
      let unrepaired = 0;
      for (const verifier of VERIFIERS) {
        const result = await verifier.run(services, { repair: opts.repair === true });
        const found = verifier.byHand ? 'fel' : 'skillnader';
        console.log(`${verifier.name}: ${result.checked} rader kontrollerade, ${result.differing} ${found}.`);
        for (const d of result.differences)
          console.log(
            'problem' in d
              ? `  ${d.key}: ${d.problem}`
              : `  ${d.key}: sparat ${JSON.stringify(d.kept)}, omräknat ${JSON.stringify(d.recomputed)}`,
          );
        if (result.differing > result.differences.length)
          console.log(`  … och ${result.differing - result.differences.length} till.`);
        if (result.differing > 0 && verifier.byHand) console.log(`  ${verifier.byHand}`);
        else if (result.differing > 0 && opts.repair) console.log('  Reparerat: summeringarna är ombyggda.');
        if (!opts.repair || verifier.byHand) unrepaired += result.differing;
      }
      if (unrepaired > 0) {
        console.error(
          opts.repair
            ? `Fel: ${unrepaired} fel kvar som måste rättas för hand.`
            : `Fel: ${unrepaired} skillnader eller fel. Kör verify --repair för att bygga om summeringarna.`,
        );
        process.exitCode = 1;
      }
    });
  });

program
  .command('upkeep')
  .description(
    'städa den inbyggda databasen och uppdatera dess statistik (VACUUM och ANALYZE där det behövs), som servern annars gör när det är lugnt',
  )
  .action(async () => {
    await withServices(async (services) => {
      if (services.dbKind !== 'pglite') {
        console.log('PostgreSQL sköter detta själv (autovacuum): inget att göra.');
        return;
      }
      const done = await upkeepAll(services.db, (e) =>
        console.log(
          `${String(e.table)}: ${[e.vacuum ? 'VACUUM' : '', e.analyze ? 'ANALYZE' : ''].filter(Boolean).join(' och ')} (${e.ms} ms)`,
        ),
      );
      console.log(done.length === 0 ? 'Inget behövde göras.' : `Klart: ${done.length} tabeller.`);
    });
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof DomainError) {
    console.error(`Fel: ${err.message}`);
    for (const f of err.fields ?? []) console.error(`  ${f.field}: ${f.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
