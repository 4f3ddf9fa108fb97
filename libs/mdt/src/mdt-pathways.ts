import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '@carepath/auth';
import type { IsoDate } from '@carepath/common';

/** What the MDT needs to know of a care pathway to decide whether it is due and to list it. */
export interface PathwayReviewFacts {
  id: string;
  serviceId: string;
  patientId: string;
  referralId: string;
  status: string;
  /** The London day the pathway first became active; null if it never has. */
  activatedOn: IsoDate | null;
  /** Lead clinicians of the pathway's current activities, in the order the activities were agreed. */
  leadClinicianIds: string[];
}

export interface PathwayScore {
  measure: 'PHQ9' | 'GAD7' | 'PSEQ' | 'NRS';
  baseline: number | null;
  latest: number | null;
  latestOn: IsoDate | null;
}

export interface PathwayProgress {
  sessions: { planned: number; booked: number; attended: number; dna: number; cancelled: number; remaining: number };
  scores: PathwayScore[];
}

/** The questions the MDT asks libs/pathways, each answered for many pathways in one batch. */
export interface MdtPathwaySource {
  /** The service's active pathways, or these pathways whatever their status. */
  reviewFacts(manager: EntityManager, filter: { activeInService: string } | { ids: string[] }): Promise<PathwayReviewFacts[]>;
  /** The services that have active pathways (for scans over every service). */
  servicesWithActivePathways(manager: EntityManager): Promise<string[]>;
  /** A pathway the actor may read, or the pathways library's 404 after auditing the refusal. */
  reviewFactsInScope(manager: EntityManager, actor: Actor, id: string, auditAction: string): Promise<PathwayReviewFacts>;
  /** Session counters and the latest outcome scores against baseline. */
  progress(manager: EntityManager, ids: string[]): Promise<Map<string, PathwayProgress>>;
}

/**
 * Where libs/pathways plugs in its answers. Pathways subscribes to MDT decisions (a decision to change a pathway is
 * its business), so it imports this library; the MDT therefore cannot import pathways back, and pathways registers
 * its source here when its module starts, as libraries register their CASL subjects and job handlers.
 */
@Injectable()
export class MdtPathways {
  private source: MdtPathwaySource | null = null;

  provide(source: MdtPathwaySource): void {
    if (this.source) throw new Error('the MDT already has a pathway source');
    this.source = source;
  }

  get pathways(): MdtPathwaySource {
    if (!this.source) throw new Error('libs/pathways has not registered its MDT source');
    return this.source;
  }
}
