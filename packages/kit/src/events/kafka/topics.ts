import type { Admin } from '@platformatic/kafka';

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Creates each topic and its `.dlq` twin before first use, with a known partition
 * count, rather than relying on broker auto-creation: a consumer that subscribes to a
 * topic that does not exist yet would wait for the next metadata refresh to see it.
 */
export class TopicProvisioner {
  private readonly admin: Admin;
  private readonly partitions: number;
  private readonly replicas: number;
  private readonly known = new Set<string>();

  constructor(admin: Admin, partitions: number, replicas: number) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicas = replicas;
  }

  async ensure(topics: string[]): Promise<void> {
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))].filter(
      (topic) => !this.known.has(topic),
    );
    if (wanted.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        await this.admin.createTopics({
          topics: missing,
          partitions: this.partitions,
          replicas: this.replicas,
        });
      } catch (error) {
        // Another process may have created them meanwhile (TOPIC_ALREADY_EXISTS): fine.
        const now = new Set(await this.admin.listTopics());
        if (missing.some((topic) => !now.has(topic))) throw error;
      }
    }
    for (const topic of wanted) this.known.add(topic);
  }
}
