import type { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Staff back office: a closure finds the bookings of its days, and the staff list of
  // closures reads a commune's closures by date.
  await qi.addIndex('bookings', ['activity_id', 'date'], { name: 'bookings_activity_day' });
  await qi.addIndex('closures', ['commune_id', 'start_date'], { name: 'closures_commune_start' });
  // Deleting a period first asks whether any request was made in it.
  await qi.addIndex('booking_requests', ['period_id'], { name: 'booking_requests_period' });
  await qi.addIndex('booking_periods', ['commune_id', 'facility_id', 'start_date'], { name: 'booking_periods_commune_facility' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('booking_periods', 'booking_periods_commune_facility');
  await qi.removeIndex('booking_requests', 'booking_requests_period');
  await qi.removeIndex('closures', 'closures_commune_start');
  await qi.removeIndex('bookings', 'bookings_activity_day');
}
