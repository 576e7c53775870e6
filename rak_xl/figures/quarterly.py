"""Quarterly evaluation (Evaluasi Triwulan): pure functions over the typed Plan.

- capaian (achievement) per indicator for quarter N, from the cumulative target and
  realisation series the parser attached to each RAK row, judged by what the indicator measures
  (rak_xl.figures.kinds): a rate against the same target every quarter, a yearly score only once
  it is measured, a one-off event as done or not done, a reduction only against a baseline;
- roll-up of capaian per sub-activity block, group, division and overall: the plain
  average of the indicators whose capaian can be computed (stated in the sheet);
- budget absorption (serapan) to date per program and division against the planned
  disbursement (RPD) and against the absorption guide (sums.ABSORPTION_GUIDE); all sums in
  rak_xl.figures.sums.

The one place capaian and serapan are computed: the Evaluasi button, `rak-xl evaluate`,
the RAK6xx rules and Rekap Provinsi (`overall`) all call these. Sub-activities, groups and
each indicator's Bagian come from rak_xl.figures.structure, the same as in Konsolidasi and
Rekap Anggaran; a division's pagu is its Anggaran lines (rak_xl.figures.sums). A figure that
cannot be computed is None ("not computed"), never 0. Every percentage, target and realisation
is rounded where it is computed, by rak_xl.figures.rounding's one rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat

from rak_xl.core import layout as L
from rak_xl.core.model import Plan, RakRow
from rak_xl.core.text import say, tw

from . import kinds, rounding, structure, sums

# Indicator states, in Indonesian as the sheets show them (text.state_text says them in English).
OK = say("state.counted")
NO_TARGET = say("state.no_target")
NO_DATA = say("state.no_data")
ZERO_TARGET = say("state.zero_target")
NOT_REPORTED = say("state.not_reported")
NOT_MEASURED_YET = say("state.not_measured_yet")  # a yearly score before the quarter it is measured in
NO_BASELINE = say("state.no_baseline")  # a reduction without a baseline to measure against
NOT_DUE = say("state.not_due")  # a one-off event before its quarter, not done yet
DONE = say("state.done")  # a one-off event done: capaian 100%
NOT_DONE = say("state.not_done")  # a one-off event due and not done: capaian 0%
# Evaluation status of a quarter.
NOT_STARTED = say("state.not_started")  # the workbook has no evaluation sheets
RUNNING = say("state.reported")  # some realisation exists for the quarter

# Predikat: the lowest capaian (exclusive) of each band, best first; at or below the last, BOTTOM_GRADE.
GRADE_SOURCE = (
    "The five bands are the 'kriteria tingkat capaian kinerja' of the evaluation of regional development plans "
    "(RKPD, Renja) by the Ministry of Home Affairs: Permendagri 86/2017, as Permendagri 54/2010 before it, "
    "91-100 sangat tinggi, 76-90 tinggi, 66-75 sedang, 51-65 rendah, 50 and below sangat rendah. That is a "
    "regional-government scale: no KPU regulation and no SAKIP rule sets a grade for a RAK's quarterly capaian. "
    "rak_xl uses it as a convention because satker staff and provincial reviewers already read capaian that way; "
    "it was transcribed from how those regulations are commonly quoted, not checked against their text here. A "
    "value above 90 (90,01) is graded sangat tinggi, as 91 and above is for whole numbers.")
GRADE_BANDS = ((90, "sangat tinggi"), (75, "tinggi"), (65, "sedang"), (50, "rendah"))
BOTTOM_GRADE = "sangat rendah"


def grade_scale() -> str:
    """'>90% sangat tinggi, >75-90% tinggi, ..., <=50% sangat rendah', from GRADE_BANDS."""
    parts, ceiling = [], ""
    for floor, label in GRADE_BANDS:
        parts.append(f">{floor}{ceiling}% {label}")
        ceiling = f"-{floor}"
    return ", ".join([*parts, f"<={GRADE_BANDS[-1][0]}% {BOTTOM_GRADE}"])


# How Evaluasi computes, stated under its tables and in `rak-xl evaluate --format json`.
METHOD_ACHIEVEMENT = say("method.capaian")
METHOD_ROLLUP = say("method.rollup", unassigned=structure.UNASSIGNED)
METHOD_GRADE = say("method.grade", bands=grade_scale())
METHOD_ABSORPTION = say("method.absorption",
                        guide=", ".join(f"{tw(q)} {g}%" for q, g in zip(L.QUARTERS, sums.ABSORPTION_GUIDE)))


def measures_progress(row: RakRow) -> bool:
    """Percent targets that rise over the quarters (25% -> 100%) measure progress towards the
    annual target: more is better, whatever the indicator's wording or its Arah says.

    "Penurunan jumlah sengketa ..." with Arah Turun and targets 25/50/75/100% is a rate of
    reduction achieved; scored as "lower is better", 45% against 50% would give 110%.
    """
    return row.in_percent and kinds.rising(row)


def lower_is_better(row: RakRow) -> bool:
    """The direction Evaluasi scores `row` by: its Arah (or wording), unless its targets measure progress."""
    return row.lower_is_better and not measures_progress(row)


def direction_contradicts_targets(row: RakRow) -> bool:
    """Arah Turun (or a 'Penurunan ...' wording) on a rising percent series: reported as RAK610."""
    return row.lower_is_better and measures_progress(row)


# Kept by its arguments: a plan judges the same targets and realisations quarter after quarter, each
# judgement three roundings (equal arguments, an int and its float alike, give equal results).
@lru_cache(maxsize=8192)
def achievement(target: float | None, realised: float | None, lower_is_better: bool) -> tuple[float | None, str]:
    """(capaian in percent, state). The value is None unless the state is OK. Worked out from the
    target and realisation as the sheets show them (rounding.quantity), rounded (rounding.percent)."""
    target, realised = rounding.quantity(target), rounding.quantity(realised)
    if target is None:
        return None, NO_TARGET
    if realised is None:
        return None, NO_DATA
    if target == 0:
        return None, ZERO_TARGET  # no ratio to a zero target; shown as its own state
    ratio = realised / target
    value = (1 + (1 - ratio)) * 100 if lower_is_better else ratio * 100
    return rounding.percent(max(value, 0.0)), OK  # "lower is better" goes negative past twice the target: floor at 0%


# States that are the judgement itself, in place of a predikat.
JUDGEMENT_STATES = (DONE, NOT_DONE, NOT_DUE, NOT_MEASURED_YET, NO_BASELINE)


def judged_lower(row: RakRow) -> bool:
    """The direction `row` is judged by: a reduction's is lower, and a count of something unwanted's
    where no Arah is written; any other's its Arah (lower_is_better)."""
    return _lower(row, kinds.kind_of(row))


def _lower(row: RakRow, kind: str) -> bool:
    """judged_lower(row) for a row of `kind`."""
    if kind == kinds.REDUCTION or (kind == kinds.COUNT_DOWN and not kinds.arah_stated(row)):
        return True
    return lower_is_better(row)


def judge(row: RakRow, quarter: int) -> tuple[float | None, str]:
    """(capaian in percent, state) of `row` for `quarter`, by its kind (rak_xl.figures.kinds), in the
    direction judged_lower(row). Every quarter of the row is judged at once and kept on it (rows are not
    changed after parsing): Validasi's RAK607 and Rekap Provinsi's summary ask for them all."""
    return judged_quarters(row)[quarter - 1]


def judged_quarters(row: RakRow) -> tuple[tuple[float | None, str], ...]:
    """judge(row, q) for TW 1..4, worked out on first use and kept on the row."""
    judged = row.__dict__.get("_judged")
    if judged is None:
        judged = row.__dict__["_judged"] = _judge_quarters(row)
    return judged


def judged_target(row: RakRow, quarter: int) -> float | None:
    """The target `row` is judged against in `quarter`: a rate's is the year's whenever the quarter has one
    (the same every quarter, whatever the series says); any other's the quarter's own."""
    return _judged_targets(row)[quarter - 1]


def _judged_targets(row: RakRow, kind: str | None = None) -> list[float | None]:
    """judged_target(row, q) for TW 1..4 (`kind`: the row's, when the caller has it)."""
    targets = row.targets_to_date
    if (kind or kinds.kind_of(row)) == kinds.RATE:
        annual = kinds.annual_target(row)
        return [None if target is None else annual for target in targets]
    return targets


# Every quarter of a row without quarterly targets: achievement(None, None, either direction).
_NO_TARGETS = ((None, NO_TARGET),) * 4


def _judge_quarters(row: RakRow) -> tuple[tuple[float | None, str], ...]:
    """judge(row, q) for TW 1..4; what holds whatever the quarter is worked out once."""
    targets = row.targets_to_date
    if targets.count(None) == len(targets):
        return _NO_TARGETS  # nothing on the Capaian sheet to judge by, whatever the kind
    kind = kinds.kind_of(row)
    if kind == kinds.REDUCTION and not kinds.measurable_reduction(row):
        return ((None, NO_BASELINE),) * 4
    lower = _lower(row, kind)
    measured_from = kinds.measured_from(row)  # kinds.not_measured_yet before it
    if measured_from == 1 and kind != kinds.EVENT:  # the usual row: every quarter by achievement(), in C
        return tuple(map(achievement, _judged_targets(row, kind), row.realised_to_date,
                         repeat(lower, len(L.QUARTERS))))
    out = []
    for q, target, realised in zip(L.QUARTERS, _judged_targets(row, kind), row.realised_to_date):
        if q < measured_from:
            out.append((None, NOT_MEASURED_YET))
        elif kind == kinds.EVENT:
            out.append(_event(row, q, rounding.quantity(target), rounding.quantity(realised)))
        else:
            out.append(achievement(target, realised, lower))
    return tuple(out)


def _event(row: RakRow, quarter: int, target: float | None, realised: float | None) -> tuple[float | None, str]:
    """Done (100%) once the realisation reaches the year's target; not done (0%) from its quarter on."""
    value, state = achievement(target, realised, False)
    if state not in (OK, ZERO_TARGET):
        return value, state
    annual = rounding.quantity(kinds.annual_target(row))
    if annual is not None and realised >= annual:
        return 100.0, DONE
    if quarter < kinds.due_quarter(row):
        return None, NOT_DUE
    return 0.0, NOT_DONE


def grade(value: float | None) -> str:
    """Predikat on the five-band scale stated in METHOD_GRADE ('' when there is no value)."""
    if value is None:
        return ""
    for floor, label in GRADE_BANDS:
        if value > floor:
            return label
    return BOTTOM_GRADE


def mean(values: list[float]) -> float | None:
    """The plain average of capaian values, rounded (rounding.percent)."""
    return rounding.percent(sum(values) / len(values)) if values else None


@dataclass(slots=True)
class IndicatorResult:
    row: RakRow
    division: str
    target: float | None  # the target judged against (a rate's: the year's, every quarter)
    realised: float | None
    value: float | None
    state: str
    kind: str = kinds.PROGRESS
    lower: bool = False  # judged "lower is better"

    @property
    def judgement(self) -> str:
        """What the row's kind allows saying: a one-off event is done or not, a yearly score not yet
        measurable, a reduction without a baseline unmeasured; a value otherwise gets its predikat."""
        if self.state in JUDGEMENT_STATES:
            return self.state
        return grade(self.value)

    def as_dict(self) -> dict:
        return {"id": self.row.id, "indicator": self.row.indicator, "division": self.division,
                "kind": self.kind, "direction": "Turun" if self.lower else "Naik", "target": self.target,
                "realised": self.realised, "capaian": self.value,
                "grade": "" if self.state in JUDGEMENT_STATES else grade(self.value),
                "judgement": self.judgement, "state": self.state}


@dataclass
class AchievementSummary:
    level: str  # "subkegiatan" | "kelompok" | "bagian" | "keseluruhan"
    name: str
    indicators: int
    counted: int
    value: float | None
    table: str = ""  # "A" / "B" for sub-activity and group
    group: str = ""
    code: str = ""  # the group's code, "A.1" (as in Konsolidasi), for sub-activity and group

    def as_dict(self) -> dict:
        return {"level": self.level, "table": self.table, "group": self.group, "code": self.code, "name": self.name,
                "indicators": self.indicators, "counted": self.counted, "capaian": self.value,
                "grade": grade(self.value)}


@dataclass
class Absorption:
    name: str
    pagu: int
    planned_to_date: int  # RPD cumulative to the quarter
    realised_to_date: int | None  # realised spending cumulative to the quarter; None: quarter not reported yet
    guide: float  # percent of pagu

    @property
    def absorption(self) -> float | None:
        return None if self.realised_to_date is None else rounding.share(self.realised_to_date, self.pagu)

    @property
    def planned_share(self) -> float | None:
        return rounding.share(self.planned_to_date, self.pagu)

    @property
    def deviation(self) -> int | None:
        return None if self.realised_to_date is None else self.realised_to_date - self.planned_to_date

    @property
    def deviation_pct(self) -> float | None:
        return None if self.deviation is None else rounding.share(self.deviation, self.planned_to_date)

    @property
    def guide_gap(self) -> float | None:
        """Absorption minus the guide, in percentage points."""
        return None if self.absorption is None else rounding.percent(self.absorption - self.guide)

    def as_dict(self) -> dict:
        return {"name": self.name, "pagu": self.pagu, "planned_to_date": self.planned_to_date,
                "realised_to_date": self.realised_to_date, "absorption_pct": self.absorption,
                "planned_pct": self.planned_share, "deviation": self.deviation,
                "deviation_pct": self.deviation_pct, "guide_pct": self.guide,
                "guide_gap_pct": self.guide_gap}


@dataclass
class CurvePoint:
    quarter: int
    realised_pct: float | None  # None after the evaluated quarter
    planned_pct: float | None
    guide_pct: float


@dataclass
class QuarterEvaluation:
    quarter: int
    reporting_quarter: int | None
    status: str
    indicators: list[IndicatorResult] = field(default_factory=list)
    blocks: list[AchievementSummary] = field(default_factory=list)
    groups: list[AchievementSummary] = field(default_factory=list)
    divisions: list[AchievementSummary] = field(default_factory=list)
    overall: AchievementSummary | None = None
    programs_absorption: list[Absorption] = field(default_factory=list)
    divisions_absorption: list[Absorption] = field(default_factory=list)
    total_absorption: Absorption | None = None
    # The same spending against the DIPA pagu in force (revised when revised), not the lines' sum.
    dipa_absorption: Absorption | None = None
    curve: list[CurvePoint] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "quarter": self.quarter, "reporting_quarter": self.reporting_quarter, "status": self.status,
            "method": {"capaian": METHOD_ACHIEVEMENT, "rollup": METHOD_ROLLUP, "grade": METHOD_GRADE,
                       "absorption": METHOD_ABSORPTION},
            "overall": self.overall.as_dict() if self.overall else None,
            "divisions": [r.as_dict() for r in self.divisions],
            "groups": [r.as_dict() for r in self.groups],
            "subactivities": [r.as_dict() for r in self.blocks],
            "indicators": [i.as_dict() for i in self.indicators],
            "absorption": {
                "total": self.total_absorption.as_dict() if self.total_absorption else None,
                "dipa": self.dipa_absorption.as_dict() if self.dipa_absorption else None,
                "programs": [a.as_dict() for a in self.programs_absorption],
                "divisions": [a.as_dict() for a in self.divisions_absorption],
                "curve": [{"quarter": p.quarter, "realised_pct": p.realised_pct,
                           "planned_pct": p.planned_pct, "guide_pct": p.guide_pct} for p in self.curve],
            },
        }


def quarter_has_realisation(plan: Plan, quarter: int) -> bool:
    return (any(r.realised_to_date[quarter - 1] is not None for r in plan.rows)
            or any(line.spent_by_quarter[quarter - 1] is not None for line in plan.budget_lines))


def _summary(level: str, name: str, results: list[IndicatorResult],
             group: structure.Group | None = None) -> AchievementSummary:
    return _summary_of(level, name, [r.value for r in results], group)


def _summary_of(level: str, name: str, values: list[float | None],
                group: structure.Group | None = None) -> AchievementSummary:
    """The mean capaian of `values` (one per indicator; None = not computed, left out)."""
    known = [v for v in values if v is not None]
    if group is None:
        return AchievementSummary(level, name, len(values), len(known), mean(known))
    return AchievementSummary(level, name, len(values), len(known), mean(known), group.table, group.name, group.code)


def _absorption(name: str, lines, quarter: int, reported: bool) -> Absorption:
    return _absorbed(name, sums.lines_total(lines), sums.quarter_totals(lines), sums.realised_quarter_totals(lines),
                     quarter, reported)


def _absorbed(name: str, pagu: int, planned: list[int], realised: list[int], quarter: int,
              reported: bool) -> Absorption:
    """The absorption to the end of `quarter`, from the lines' pagu and per-quarter RPD and spending."""
    return Absorption(name, pagu, sums.to_date(planned, quarter), sums.to_date(realised, quarter) if reported else None,
                      float(sums.ABSORPTION_GUIDE[quarter - 1]))


def _status(plan: Plan, quarter: int) -> str:
    if not plan.evaluation.started:
        return NOT_STARTED
    return RUNNING if quarter_has_realisation(plan, quarter) else NOT_REPORTED


def _indicators(plan: Plan, quarter: int, status: str) -> list[IndicatorResult]:
    """Every indicator's capaian for `quarter`, judged by its kind."""
    out = []
    for place in structure.of(plan).places:
        row = place.row
        value, state = judge(row, quarter)
        if state == NO_DATA and status != RUNNING:
            state = NOT_REPORTED if status == NOT_REPORTED else NOT_STARTED
        out.append(IndicatorResult(row, place.division, rounding.quantity(judged_target(row, quarter)),
                                   rounding.quantity(row.realised_to_date[quarter - 1]), value, state,
                                   kinds.kind_of(row), judged_lower(row)))
    return out


def _spending_reported(plan: Plan, quarter: int) -> bool:
    """Spending counts as reported only where the sheet is there and holds the quarter: an absent
    sheet is no evidence of zero spending (indicators may be reported before the budget is)."""
    return (L.SHEET_SPENDING in plan.evaluation.sheets
            and any(line.spent_by_quarter[quarter - 1] is not None for line in plan.budget_lines))


def overall(plan: Plan) -> list[tuple[str, AchievementSummary, Absorption]]:
    """For TW 1..4: the status, the overall capaian and the total absorption, as evaluate() reports
    them (`status`, `overall`, `total_absorption`), without the per-group and per-division work
    (Rekap Provinsi). Only the capaian values are kept (one `judge` per indicator and quarter, kept on
    the row, as in `_indicators`)."""
    rows = [p.row for p in structure.of(plan).places]
    lines = plan.budget_lines
    pagu, planned, realised = sums.lines_total(lines), sums.quarter_totals(lines), sums.realised_quarter_totals(lines)
    out = []
    for q in L.QUARTERS:
        values = [judge(r, q)[0] for r in rows]
        out.append((_status(plan, q), _summary_of("keseluruhan", "Keseluruhan", values),
                    _absorbed("Jumlah", pagu, planned, realised, q, _spending_reported(plan, q))))
    return out


def evaluate(plan: Plan, quarter: int | None = None) -> QuarterEvaluation:
    """The evaluation of `quarter` (default: the workbook's reporting quarter)."""
    reporting = plan.evaluation.reporting_quarter
    # Without a reporting quarter: the latest quarter that has any realisation, else TW 1.
    latest = max((k for k in (1, 2, 3, 4) if quarter_has_realisation(plan, k)), default=1)
    q = quarter or reporting or latest
    if not 1 <= q <= 4:
        raise ValueError(f"quarter {q} is not 1..4")
    status = _status(plan, q)
    ev = QuarterEvaluation(q, reporting, status, _indicators(plan, q, status))
    result_of = {id(res.row): res for res in ev.indicators}
    plan_structure = structure.of(plan)
    for group in plan_structure.groups:
        ev.groups.append(_summary("kelompok", group.name, [result_of[id(r)] for r in group.rows], group))
        ev.blocks.extend(_summary("subkegiatan", block.activity, [result_of[id(r)] for r in block.rows], group)
                         for block in group.blocks)
    by_division: dict[str, list[IndicatorResult]] = {name: [] for name in plan.division_names}
    for res in ev.indicators:
        by_division.setdefault(res.division, []).append(res)
    ev.divisions = [_summary("bagian", name, rs) for name, rs in by_division.items() if rs]
    ev.overall = _summary("keseluruhan", "Keseluruhan", ev.indicators)
    reported = _spending_reported(plan, q)
    ev.programs_absorption = [_absorption(name, lines, q, reported)
                              for name, lines in sums.lines_by_program(plan).items()]
    ev.divisions_absorption = [_absorption(name, lines, q, reported)
                               for name, lines in sums.lines_by_division(plan).items()]
    ev.total_absorption = _absorption("Jumlah", plan.budget_lines, q, reported)
    dipa = plan.identity.budget_in_force
    if dipa:
        t = ev.total_absorption
        which = "revisi" if plan.identity.get("budget_revised") is not None else "awal"
        ev.dipa_absorption = Absorption(f"Pagu DIPA ({which})", dipa, t.planned_to_date, t.realised_to_date, t.guide)
    pagu = sums.lines_total(plan.budget_lines)
    planned = sums.cumulative(sums.quarter_totals(plan.budget_lines))
    realised = sums.cumulative(sums.realised_quarter_totals(plan.budget_lines))
    for k in (1, 2, 3, 4):
        ev.curve.append(CurvePoint(
            k, rounding.share(realised[k - 1], pagu) if k <= q and reported else None,
            rounding.share(planned[k - 1], pagu), float(sums.ABSORPTION_GUIDE[k - 1])))
    return ev
