/** Types of the CloudFront Functions runtime module `cloudfront` (cloudfront-js-2.0). */
declare module 'cloudfront' {
  interface KeyValueStoreHandle {
    get(key: string, options?: { format: 'string' | 'json' | 'bytes' }): Promise<string>;
    exists(key: string): Promise<boolean>;
  }
  const cf: { kvs(id?: string): KeyValueStoreHandle };
  export default cf;
}
