// Pure helpers of the bench runner: the figure format of design §9 and the printed table.

/** Problems with a bench module's output, empty when it is well-formed. */
export function validateFigures(figures) {
  if (!Array.isArray(figures)) return ['run() must return an array of figures'];
  const problems = [];
  for (const f of figures) {
    const where = f && typeof f.name === 'string' ? f.name : JSON.stringify(f);
    if (!f || typeof f.name !== 'string' || !/^[a-z0-9_]+$/.test(f.name)) problems.push(`${where}: bad name`);
    if (typeof f?.value !== 'number' || !Number.isFinite(f.value))
      problems.push(`${where}: value must be a finite number`);
    if (typeof f?.unit !== 'string') problems.push(`${where}: unit must be a string`);
    if (f?.goal !== undefined && !(['<=', '>='].includes(f.goal.op) && Number.isFinite(f.goal.value)))
      problems.push(`${where}: goal must be {op: '<=' | '>=', value}`);
    if (f?.baselines !== undefined) {
      for (const [k, v] of Object.entries(f.baselines)) {
        if (!Number.isFinite(v)) problems.push(`${where}: baseline ${k} must be a finite number`);
      }
    }
  }
  return problems;
}

export function meetsGoal(f) {
  if (!f.goal) return undefined;
  return f.goal.op === '<=' ? f.value <= f.goal.value : f.value >= f.goal.value;
}

function fmt(n) {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 0.01 || abs >= 1e6)) return n.toExponential(2);
  return Number.isInteger(n) ? String(n) : n.toFixed(abs < 10 ? 3 : abs < 1000 ? 2 : 0);
}

export function formatTable(figures) {
  const rows = [['figure', 'value', 'unit', 'goal', 'baselines', 'result']];
  for (const f of figures) {
    const ok = meetsGoal(f);
    rows.push([
      f.name,
      fmt(f.value),
      f.unit,
      f.goal ? `${f.goal.op} ${fmt(f.goal.value)}` : '',
      f.baselines
        ? Object.entries(f.baselines)
            .map(([k, v]) => `${k}=${fmt(v)}`)
            .join(', ')
        : '',
      ok === undefined ? '' : ok ? 'pass' : 'MISS',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
