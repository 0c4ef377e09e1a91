import { Anchor, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';

// Date of the latest review of this statement; update it when the site is tested again.
const REVIEWED = '2026-11-23';

/**
 * Tillgänglighetsredogörelse following DIGG's model. It is a legal statement in Swedish,
 * so it stays in Swedish whatever the UI language (marked with lang="sv").
 */
export function AccessibilityStatementPage() {
  const { t } = useTranslation();
  return (
    <article lang="sv" className="prose">
      <PageHeading title={t('a11y.title')}>Tillgänglighetsredogörelse för Röd tråd</PageHeading>
      <Text>
        Den organisation som driver denna installation av Röd tråd står bakom den här webbplatsen. Vi vill att så många
        som möjligt ska kunna använda den. Det här dokumentet beskriver hur Röd tråd uppfyller lagen (2018:1937) om
        tillgänglighet till digital offentlig service, eventuella kända tillgänglighetsproblem och hur du kan rapportera
        brister till oss så att vi kan åtgärda dem.
      </Text>

      <Title order={2}>Hur tillgänglig är webbplatsen?</Title>
      <Text>
        Vi är medvetna om att delar av webbplatsen kan ha brister. Se avsnittet om innehåll som inte är tillgängligt
        nedan. Vi arbetar för att webbplatsen ska uppfylla nivå AA i standarden WCAG 2.1.
      </Text>

      <Title order={2}>Vad kan du göra om du inte kan använda delar av webbplatsen?</Title>
      <Text>
        Om du behöver innehåll från webbplatsen som inte är tillgängligt för dig, men som omfattas av lagen, kan du
        kontakta systemförvaltningen hos din region eller kommun. Du kan också be din administratör ta fram uppgifterna
        i ett annat format.
      </Text>

      <Title order={2}>Rapportera brister i webbplatsens tillgänglighet</Title>
      <Text>
        Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte beskrivs
        på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela systemförvaltningen hos din
        organisation så att vi får veta att problemet finns. Beskriv vilken sida det gäller och vad som inte fungerar.
        Felrapporter om själva programvaran tas också emot i projektets ärendehantering.
      </Text>

      <Title order={2}>Tillsyn</Title>
      <Text>
        Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn för lagen om tillgänglighet till digital
        offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du{' '}
        <Anchor href="https://www.digg.se/tdosanmalan" rel="external">
          kontakta Myndigheten för digital förvaltning och påtala det (digg.se)
        </Anchor>
        .
      </Text>

      <Title order={2}>Teknisk information om webbplatsens tillgänglighet</Title>
      <Text>
        Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de
        brister som beskrivs nedan.
      </Text>

      <Title order={3}>Innehåll som inte är tillgängligt</Title>
      <List>
        <List.Item>
          Datumfälten använder webbläsarens inbyggda datumväljare. Hur den fungerar med skärmläsare varierar mellan
          webbläsare; datum kan alltid skrivas in direkt i fältet.
        </List.Item>
        <List.Item>Webbplatsen har ännu inte granskats manuellt med alla vanliga skärmläsare.</List.Item>
      </List>

      <Title order={2}>Hur vi testat webbplatsen</Title>
      <Text>
        Vi testar webbplatsen löpande. Varje ändring av programvaran prövas med automatiska tester som kör axe mot varje
        sida i en riktig webbläsare (Chromium) och kontrollerar reglerna för WCAG 2.1 nivå A och AA. Vi har också testat
        att alla funktioner går att använda med enbart tangentbord, bland annat organisationsträdet, som följer mönstret
        för trädvyer i WAI-ARIA.
      </Text>
      <Text>Senaste bedömningen gjordes {formatDate(REVIEWED)}.</Text>
      <Text>Webbplatsen publicerades 2026. Redogörelsen uppdaterades senast {formatDate(REVIEWED)}.</Text>
    </article>
  );
}
