// Okabe and Ito's palette, which readers with any common colour-vision deficiency tell apart; every
// colour also has its name in the legend, so nothing is told by colour alone.
export const fillBands = [
  ['UNKNOWN', '#999999', 'not reported'],
  ['0-24', '#009E73', '0–24 % full'],
  ['25-49', '#56B4E9', '25–49 % full'],
  ['50-74', '#E69F00', '50–74 % full'],
  ['75-100', '#D55E00', '75–100 % full'],
];

export const binStatuses = [
  ['ACTIVE', '#0072B2', 'active'],
  ['INACTIVE', '#999999', 'inactive'],
  ['MAINTENANCE', '#E69F00', 'maintenance'],
  ['RETIRED', '#000000', 'retired'],
];

export const routeStatuses = [
  ['PLANNED', '#999999', 'planned'],
  ['ACTIVE', '#0072B2', 'active'],
  ['IN_PROGRESS', '#E69F00', 'in progress'],
  ['COMPLETED', '#009E73', 'completed'],
  ['SUSPENDED', '#CC79A7', 'suspended'],
];

/** A MapLibre match expression colouring by a property with one of these lists. */
export function match(property, entries) {
  const expression = ['match', ['get', property]];
  for (const [value, colour] of entries) {
    expression.push(value, colour);
  }
  expression.push('#999999');
  return expression;
}
