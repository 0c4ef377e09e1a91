import { Anchor, type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccessibilityStatementPage } from '../about/AccessibilityStatementPage';
import { AdminPage } from '../admin/AdminPage';
import { BodiesPage } from '../bodies/BodiesPage';
import { TreePage } from '../org/TreePage';
import { UnitPage } from '../org/UnitPage';
import { StartPage } from '../start/StartPage';
import { ApiError } from './api';
import { meKey } from './auth';
import { Loading } from './Loading';
import { NotFoundPage } from './NotFoundPage';
import { RequireSignIn, Shell } from './Shell';

// The steering and economy pages carry the chart library; they load when first visited.
const ActivitiesPage = lazy(() => import('../steering/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const AssignmentsPage = lazy(() => import('../steering/AssignmentsPage').then((m) => ({ default: m.AssignmentsPage })));
const DecisionsPage = lazy(() => import('../steering/DecisionsPage').then((m) => ({ default: m.DecisionsPage })));
const GoalPage = lazy(() => import('../steering/GoalPage').then((m) => ({ default: m.GoalPage })));
const IndicatorPage = lazy(() => import('../steering/IndicatorPage').then((m) => ({ default: m.IndicatorPage })));
const IndicatorsPage = lazy(() => import('../steering/IndicatorsPage').then((m) => ({ default: m.IndicatorsPage })));
const PlanPage = lazy(() => import('../steering/PlanPage').then((m) => ({ default: m.PlanPage })));
const PlansPage = lazy(() => import('../steering/PlansPage').then((m) => ({ default: m.PlansPage })));
const ScorecardPage = lazy(() => import('../steering/ScorecardPage').then((m) => ({ default: m.ScorecardPage })));
const ValuesPage = lazy(() => import('../steering/ValuesPage').then((m) => ({ default: m.ValuesPage })));
const ActionPlansPage = lazy(() => import('../economy/ActionPlansPage').then((m) => ({ default: m.ActionPlansPage })));
const ActionPlanPage = lazy(() => import('../economy/ActionPlanPage').then((m) => ({ default: m.ActionPlanPage })));
const MeasurePage = lazy(() => import('../economy/MeasurePage').then((m) => ({ default: m.MeasurePage })));
const AnalysisPage = lazy(() => import('../analysis/AnalysisPage').then((m) => ({ default: m.AnalysisPage })));
const MeasureAnalysisPage = lazy(() =>
  import('../analysis/AnalysisPage').then((m) => ({ default: m.MeasureAnalysisPage })),
);
const CyclePage = lazy(() => import('../followup/CyclePage').then((m) => ({ default: m.CyclePage })));
const FollowupPage = lazy(() => import('../followup/FollowupPage').then((m) => ({ default: m.FollowupPage })));
const SubmissionPage = lazy(() => import('../followup/SubmissionPage').then((m) => ({ default: m.SubmissionPage })));
const DeviationsPage = lazy(() => import('../followup/DeviationsPage').then((m) => ({ default: m.DeviationsPage })));
const MonthPage = lazy(() => import('../month/MonthPage').then((m) => ({ default: m.MonthPage })));
const ReportsPage = lazy(() => import('../reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const ReportPage = lazy(() => import('../reports/ReportPage').then((m) => ({ default: m.ReportPage })));
const BodyPage = lazy(() => import('../bodies/BodyPage').then((m) => ({ default: m.BodyPage })));
const WrongLevelPage = lazy(() => import('../competence/WrongLevel').then((m) => ({ default: m.WrongLevelPage })));
const ControlPage = lazy(() => import('../control/ControlPage').then((m) => ({ default: m.ControlPage })));
const ControlPlanPage = lazy(() => import('../control/ControlPlanPage').then((m) => ({ default: m.ControlPlanPage })));
const ControlPointPage = lazy(() => import('../control/PointPage').then((m) => ({ default: m.PointPage })));
const AssessmentPage = lazy(() => import('../control/AssessmentPage').then((m) => ({ default: m.AssessmentPage })));
const UppsiktPage = lazy(() => import('../control/UppsiktPage').then((m) => ({ default: m.UppsiktPage })));
const MeetingsPage = lazy(() => import('../reports/MeetingsPage').then((m) => ({ default: m.MeetingsPage })));
const RisksPage = lazy(() => import('../risk/RisksPage').then((m) => ({ default: m.RisksPage })));
const RiskPage = lazy(() => import('../risk/RiskPage').then((m) => ({ default: m.RiskPage })));

// Shade 9 keeps white text on buttons and red links on white above the 4.5:1 contrast of WCAG AA.
const theme = createTheme({
  primaryColor: 'red',
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'always',
  // Links are told apart from text by more than colour (WCAG 1.4.1).
  components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) },
});

// Mantine's dimmed grey and error red are about 3.3:1 on white; these reach WCAG AA's 4.5:1.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': '#c92a2a' },
  dark: {},
});

const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  // An expired session anywhere sends the user back to the sign-in page.
  queryCache: new QueryCache({ onError: signOutOn401 }),
  mutationCache: new MutationCache({ onError: signOutOn401 }),
});

function signOutOn401(error: unknown) {
  if (error instanceof ApiError && error.status === 401) {
    queryClient.setQueryData(meKey, null);
  }
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Shell>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/tillganglighet" element={<AccessibilityStatementPage />} />
                <Route element={<RequireSignIn />}>
                  <Route path="/" element={<StartPage />} />
                  <Route path="/organisation" element={<TreePage />} />
                  <Route path="/enheter/:id" element={<UnitPage />} />
                  <Route path="/enheter/:unitId/manad/:month" element={<MonthPage />} />
                  <Route path="/organ" element={<BodiesPage />} />
                  <Route path="/organ/:bodyId" element={<BodyPage />} />
                  <Route path="/administration" element={<AdminPage />} />
                  <Route path="/styrkort" element={<ScorecardPage />} />
                  <Route path="/styrkort/:unitId" element={<ScorecardPage />} />
                  <Route path="/indikatorer" element={<IndicatorsPage />} />
                  <Route path="/indikatorer/:id" element={<IndicatorPage />} />
                  <Route path="/planer" element={<PlansPage />} />
                  <Route path="/planer/:id" element={<PlanPage />} />
                  <Route path="/mal/:id" element={<GoalPage />} />
                  <Route path="/beslut" element={<DecisionsPage />} />
                  <Route path="/beslut/fel-niva" element={<WrongLevelPage />} />
                  <Route path="/intern-kontroll" element={<ControlPage />} />
                  <Route path="/intern-kontroll/uppsikt" element={<UppsiktPage />} />
                  <Route path="/intern-kontroll/planer/:id" element={<ControlPlanPage />} />
                  <Route path="/intern-kontroll/punkter/:id" element={<ControlPointPage />} />
                  <Route path="/intern-kontroll/bedomning/:id" element={<AssessmentPage />} />
                  <Route path="/uppdrag" element={<AssignmentsPage />} />
                  <Route path="/aktiviteter" element={<ActivitiesPage />} />
                  <Route path="/varden" element={<ValuesPage />} />
                  <Route path="/handlingsplaner" element={<ActionPlansPage />} />
                  <Route path="/handlingsplaner/:id" element={<ActionPlanPage />} />
                  <Route path="/atgarder/:id" element={<MeasurePage />} />
                  <Route path="/atgarder/:id/konsekvensanalys" element={<MeasureAnalysisPage />} />
                  <Route path="/konsekvensanalyser/:id" element={<AnalysisPage />} />
                  <Route path="/arshjul" element={<CyclePage />} />
                  <Route path="/uppfoljning" element={<FollowupPage />} />
                  <Route path="/uppfoljning/:unitId/:period" element={<SubmissionPage />} />
                  <Route path="/avvikelser" element={<DeviationsPage />} />
                  <Route path="/rapporter" element={<ReportsPage />} />
                  <Route path="/rapporter/:id" element={<ReportPage />} />
                  <Route path="/sammantraden" element={<MeetingsPage />} />
                  <Route path="/risker" element={<RisksPage />} />
                  <Route path="/risker/:id" element={<RiskPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </Shell>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
