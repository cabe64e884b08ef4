export * from './cancel-event';
export * from './cancel-order';
export * from './order-admin-service';
export * from './orders-csv';
